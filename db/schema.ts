// The Database interface Kysely checks every query against. Keep it in step with db/migrations.
// bigint columns arrive as JS numbers: db/connect.ts installs a pg type parser for int8.
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string | T, string | T>;

export type Locale = "ko" | "en";
export type RoleName = "admin" | "moderator" | "committee_member" | "committee_chair" | "agency_officer";

export interface RegionsTable {
  id: number;
  code: string;
  name_ko: string;
  name_en: string;
}

export interface CommitteesTable {
  id: Generated<number>;
  slug: string;
  name_ko: string;
  name_en: string;
  description_ko: Generated<string>;
  description_en: Generated<string>;
  created_at: CreatedAt;
}

export interface CategoriesTable {
  id: Generated<number>;
  slug: string;
  name_ko: string;
  name_en: string;
  default_committee_id: number | null;
}

export interface AgenciesTable {
  id: Generated<number>;
  slug: string;
  kind: "ministry" | "local";
  name_ko: string;
  name_en: string;
  region_id: number | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  email_verified_at: Timestamp | null;
  locale: Locale | null;
  home_region_id: number | null;
  suspended_until: Timestamp | null;
  suspension_reason: string | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: Timestamp;
}

export interface EmailTokensTable {
  id: Generated<number>;
  user_id: number;
  purpose: "verify_email" | "reset_password";
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface RoleGrantsTable {
  id: Generated<number>;
  user_id: number;
  role: RoleName;
  committee_id: number | null;
  agency_id: number | null;
  granted_by: number | null;
  created_at: CreatedAt;
}

export interface CampaignsTable {
  id: Generated<number>;
  slug: string;
  title_ko: string;
  title_en: string;
  description_ko: Generated<string>;
  description_en: Generated<string>;
  category_id: number | null;
  region_id: number | null;
  committee_id: number | null;
  opens_at: Timestamp;
  closes_at: Timestamp;
  support_threshold: number;
  support_window_days: Generated<number>;
  created_at: CreatedAt;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  kind: string;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string;
  details: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Generated<Date>;
}

export interface RateLimitsTable {
  key: string;
  points: number;
  expire: number | null;
}

export interface Database {
  regions: RegionsTable;
  committees: CommitteesTable;
  categories: CategoriesTable;
  agencies: AgenciesTable;
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  role_grants: RoleGrantsTable;
  campaigns: CampaignsTable;
  email_outbox: EmailOutboxTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  rate_limits: RateLimitsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type RoleGrant = Selectable<RoleGrantsTable>;
export type Campaign = Selectable<CampaignsTable>;
export type OutboxMessage = Selectable<EmailOutboxTable>;
