// The Database interface Kysely checks every query against. Keep it in step with db/migrations.
// bigint columns arrive as JS numbers: db/connect.ts installs a pg type parser for int8.
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string | T, string | T>;

export type Locale = "ko" | "en";
export type RoleName = "admin" | "moderator" | "committee_member" | "committee_chair" | "agency_officer" | "agency_supervisor" | "event_organiser" | "identity_verifier";

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
  /** Committees' quorum (2026-12-03-050): null = a majority of the current members. */
  quorum_kind: "count" | "share" | null;
  quorum_value: number | null;
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
  email_on_own_ideas: Generated<boolean>;
  email_on_followed_ideas: Generated<boolean>;
  email_on_staff_deadlines: Generated<boolean>;
  unsubscribe_token: Generated<string>;
  feed_seen_at: Generated<Date>;
  /** When the person left (2026-12-03-085): the row is anonymised, not dropped (decision 036). */
  deleted_at: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: Timestamp;
  created_at: CreatedAt;
  // Shown on /me/security (2026-12-06-070): the browser and system at sign-in, the network
  // (/24 or /48), when last used. Null for sessions from before.
  browser: string | null;
  os: string | null;
  network: string | null;
  last_seen_at: Timestamp | null;
}

export interface EmailTokensTable {
  id: Generated<number>;
  user_id: number;
  purpose: "verify_email" | "reset_password" | "change_email" | "revert_email";
  /** change_email: the new address to confirm; revert_email: the old address to restore (2026-12-06-030). */
  address: ColumnType<string | null, string | null | undefined, string | null>;
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
  unsubscribe_url: string | null;
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

export type IdeaStatus =
  | "pending"
  | "open"
  | "expired"
  | "withdrawn"
  | "rejected"
  | "merged"
  | "fast_tracked"
  | "in_deliberation"
  | "closed"
  | "under_review"
  | "answered"
  | "implementing"
  | "implemented";

export interface IdeasTable {
  id: Generated<number>;
  author_id: number;
  title: string;
  body: string;
  body_html: string;
  excerpt: string;
  category_id: number;
  region_id: number | null;
  campaign_id: number | null;
  status: IdeaStatus;
  support_count: Generated<number>;
  support_threshold: number;
  support_window_days: number;
  support_ends_at: Timestamp | null;
  threshold_reached_at: Timestamp | null;
  trending_score: Generated<number>;
  search_vector: string;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  edited_at: Timestamp | null;
  committee_id: number | null;
  committee_due_at: Timestamp | null;
  agency_id: number | null;
  agency_due_at: Timestamp | null;
  assigned_officer_id: number | null;
  outcome: Outcome | null;
  official_answer: string | null;
  official_answer_html: string | null;
  answered_at: Timestamp | null;
  progress_percent: number | null;
  merged_into_id: number | null;
  status_changed_at: Generated<Date>;
  // Moderation (2026-11-24-006): hidden in place, and why screening held it.
  hidden_at: Timestamp | null;
  hidden_by: HiddenBy | null;
  hidden_reason: string | null;
  screening: Json<ScreeningHitRow[]> | null;
}

export type Outcome = "accepted" | "partially_accepted" | "further_study" | "not_accepted";

export interface SupportsTable {
  idea_id: number;
  user_id: number;
  region_id: number | null;
  created_at: CreatedAt;
  // Moderation (2026-11-24-006): the network for the burst watch (never shown or exported),
  // and supports that stopped counting after review.
  ip_prefix: string | null;
  invalidated_at: Timestamp | null;
  invalidation_id: number | null;
  merged_from_id: number | null;
  // The salt of the support's receipt (2026-12-05-030, decision 051): drawn by the database for
  // new supports; null on older ones until their day's root is published.
  receipt_salt: Generated<string | null>;
}

export interface IdeaSupportHoursTable {
  idea_id: number;
  hour: Timestamp;
  supports: number;
}

export interface IdeaSupportRegionsTable {
  idea_id: number;
  region_id: number;
  supports: number;
}

export interface IdeaEventsTable {
  id: Generated<number>;
  idea_id: number;
  actor_id: number | null;
  kind: string;
  from_status: IdeaStatus | null;
  to_status: IdeaStatus | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface FollowsTable {
  user_id: number;
  idea_id: number;
  created_at: CreatedAt;
}

export interface ScheduledJobsTable {
  name: string;
  last_run_at: Generated<Date>;
  last_result: string | null;
  cursor: Generated<number>;
}

export interface Database {
  scheduled_jobs: ScheduledJobsTable;
  ideas: IdeasTable;
  supports: SupportsTable;
  idea_support_hours: IdeaSupportHoursTable;
  idea_support_regions: IdeaSupportRegionsTable;
  idea_events: IdeaEventsTable;
  follows: FollowsTable;
}

export type Idea = Selectable<IdeasTable>;

export interface RecommendationsTable {
  id: Generated<number>;
  idea_id: number;
  committee_id: number;
  decision: "forward" | "not_recommended";
  agency_id: number | null;
  rationale: string;
  rationale_html: string;
  stance_for: Generated<number>;
  stance_against: Generated<number>;
  stance_neutral: Generated<number>;
  recorded_by: number;
  created_at: CreatedAt;
  // The committee's vote, stored with it (2026-12-03-050); null on recommendations made before votes.
  vote_for: number | null;
  vote_against: number | null;
  vote_abstain: number | null;
  vote_members: number | null;
  vote_quorum: number | null;
  votes: Json<RecordedVote[]> | null;
  dissent_note: string | null;
  dissent_note_html: string | null;
}

/** Who voted how, as stored with a recommendation (names as they were then). */
export interface RecordedVote {
  userId: number;
  name: string;
  choice: VoteChoice;
  reason: string;
}

export interface ProgressUpdatesTable {
  id: Generated<number>;
  idea_id: number;
  percent: number;
  body: string;
  body_html: string;
  author_id: number;
  created_at: CreatedAt;
}

export interface OverdueStepsTable {
  idea_id: number;
  step: "committee" | "agency" | "follow_up";
  due_at: Timestamp;
  noticed_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  idea_id: number | null;
  payload: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  read_at: Timestamp | null;
  email: Generated<boolean>;
  emailed_at: Timestamp | null;
}

export interface Database {
  recommendations: RecommendationsTable;
  progress_updates: ProgressUpdatesTable;
  overdue_steps: OverdueStepsTable;
  notifications: NotificationsTable;
}

export type Stance = "for" | "against" | "neutral";
export type ThreadKind = "committee" | "idea_comments";

export interface ThreadsTable {
  id: Generated<number>;
  kind: ThreadKind;
  committee_id: number | null;
  idea_id: number | null;
  title: string;
  created_by: number | null;
  created_at: CreatedAt;
  locked_at: Timestamp | null;
  lock_reason: string | null;
  locked_by: number | null;
  post_count: Generated<number>;
  last_post_at: Timestamp | null;
  /** Moved by a trigger on every statement that writes the thread's posts (decision 090). */
  posts_version: Generated<number>;
}

export interface PostsTable {
  id: Generated<number>;
  thread_id: number;
  parent_id: number | null;
  root_id: number | null;
  reply_to_id: number | null;
  depth: number;
  author_id: number;
  body: string;
  body_html: string;
  stance: Stance;
  created_at: CreatedAt;
  edited_at: Timestamp | null;
  removed_at: Timestamp | null;
  removed_by: number | null;
  removal: "author" | "moderator" | null;
  reply_count: Generated<number>;
  // Moderation (2026-11-24-006): hidden in place.
  hidden_at: Timestamp | null;
  hidden_by: HiddenBy | null;
  hidden_reason: string | null;
}

export interface ThreadReadsTable {
  user_id: number;
  thread_id: number;
  last_read_at: Timestamp;
}

export interface Database {
  threads: ThreadsTable;
  posts: PostsTable;
  thread_reads: ThreadReadsTable;
}

export interface IdeaSupportWeeksTable {
  idea_id: number;
  /** The Monday that starts the week (Korea time); read it with to_char to get 'YYYY-MM-DD'. */
  week: ColumnType<Date, string, string>;
  supports: number;
}

export interface StatsCacheTable {
  key: string;
  payload: Json<unknown>;
  computed_at: Timestamp;
  requested_at: Generated<Date>;
}

export interface Database {
  idea_support_weeks: IdeaSupportWeeksTable;
  stats_cache: StatsCacheTable;
}

// ——— Moderation (2026-11-24-006) ———

export type HiddenBy = "flags" | "moderator";
export type FlagReason = "spam" | "abuse" | "personal_data" | "off_topic" | "duplicate" | "illegal" | "other";

/** One reason screening held an idea (see app/domain/moderation/screening.ts). */
export interface ScreeningHitRow {
  kind: "personal_data" | "links" | "blocked_term" | "new_account";
  /** For personal data: rrn | phone | email | card. */
  what?: string;
  /** The match, masked; or the blocked term. */
  match?: string;
  count?: number;
  /** For links: the most a published idea could hold when it was screened (a setting). */
  max?: number;
}

export interface FlagsTable {
  id: Generated<number>;
  idea_id: number | null;
  post_id: number | null;
  user_id: number;
  reason: FlagReason;
  details: string | null;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
  resolved_by: number | null;
  resolution: "hidden" | "restored" | "dismissed" | null;
}

export interface BlockedTermsTable {
  id: Generated<number>;
  term: string;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface SupportInvalidationsTable {
  id: Generated<number>;
  idea_id: number;
  criteria: Json<Record<string, unknown>>;
  reason: string;
  support_count: number;
  created_by: number;
  created_at: CreatedAt;
  reversed_at: Timestamp | null;
  reversed_by: number | null;
  reversal_reason: string | null;
}

export interface ModerationAlertsTable {
  id: Generated<number>;
  kind: "new_accounts" | "ip_prefix" | "flag_burst";
  idea_id: number;
  ip_prefix: string | null;
  window_start: Timestamp;
  window_end: Timestamp;
  support_count: number;
  evidence: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
  resolved_by: number | null;
  resolution_note: string | null;
}

export interface Database {
  flags: FlagsTable;
  blocked_terms: BlockedTermsTable;
  support_invalidations: SupportInvalidationsTable;
  moderation_alerts: ModerationAlertsTable;
}

/** Browsers that signed in to an account before (app/auth/devices.server.ts, decision 024). */
export interface TrustedDevicesTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 (hex) of the random token in the browser's device cookie. */
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  trusted_devices: TrustedDevicesTable;
}

// ——— Pages written by admins (2026-12-03-071, decision 033) ———

export interface PagesTable {
  slug: string;
  created_at: CreatedAt;
}

export interface PageVersionsTable {
  id: Generated<number>;
  page_slug: string;
  version: number;
  title_ko: string;
  title_en: string;
  body_ko: string;
  body_en: string;
  body_html_ko: string;
  body_html_en: string;
  note: Generated<string>;
  author_id: number | null;
  created_at: CreatedAt;
}

export interface Database {
  pages: PagesTable;
  page_versions: PageVersionsTable;
}

/** Public holidays: days the business-day clock skips (app/domain/agencies/clock.ts, decision 030). */
export interface HolidaysTable {
  /** A calendar date in Korea ("YYYY-MM-DD"); read it as text (`date::text`). */
  date: ColumnType<string, string, string>;
  name_ko: string;
  name_en: string;
  created_by: number | null;
  created_at: CreatedAt;
}

/** Each reminder before a step's due date, and each escalation after it, sent once. */
export interface DeadlineRemindersTable {
  idea_id: number;
  /** transfer_reply: the receiving agency's reply period (2026-12-06-020, decision 055). */
  step: "committee" | "agency" | "follow_up" | "transfer_reply";
  due_at: Timestamp;
  kind: "before_3" | "before_1" | "escalated";
  sent_at: Timestamp;
}

export interface Database {
  holidays: HolidaysTable;
  deadline_reminders: DeadlineRemindersTable;
}

/** A step's deadline extended once, with a public reason; the original due date kept (decision 031). */
export interface StepExtensionsTable {
  id: Generated<number>;
  idea_id: number;
  step: "committee" | "agency" | "follow_up";
  /** The agency that held the step (its answer or follow-up); null for the committee's (decision 055). */
  agency_id: number | null;
  /** The follow-up answer extended (step follow_up). */
  follow_up_id: number | null;
  original_due_at: Timestamp;
  new_due_at: Timestamp;
  business_days: number;
  reason: string;
  requested_by: number | null;
  created_at: CreatedAt;
}

/** A public message from the agency that changes no status. */
export interface InterimRepliesTable {
  id: Generated<number>;
  idea_id: number;
  agency_id: number;
  body: string;
  body_html: string;
  author_id: number | null;
  created_at: CreatedAt;
}

/** The agency's unpublished answer: private to its officers. */
export interface AnswerDraftsTable {
  idea_id: number;
  agency_id: number;
  outcome: Outcome | null;
  body: string;
  /** Replies to the digest's open questions, by the question's place (decision 055). */
  replies: ColumnType<string[], string | undefined, string>;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Every published version of an answer (version 1 the answer itself). */
export interface AnswerRevisionsTable {
  id: Generated<number>;
  idea_id: number;
  version: number;
  agency_id: number | null;
  outcome: Outcome;
  answer: string;
  answer_html: string;
  reason: string | null;
  author_id: number | null;
  created_at: CreatedAt;
}

/** The answer's reply to one open question of the frozen digest, per answer version (decision 055). */
export interface AnswerQuestionRepliesTable {
  id: Generated<number>;
  idea_id: number;
  version: number;
  question_index: number;
  question: string;
  reply: string;
}

export interface Database {
  answer_question_replies: AnswerQuestionRepliesTable;
  step_extensions: StepExtensionsTable;
  interim_replies: InterimRepliesTable;
  answer_drafts: AnswerDraftsTable;
  answer_revisions: AnswerRevisionsTable;
}

// ——— Committees that decide in public (2026-12-03-050, decision 028) ———

export type VoteChoice = "for" | "against" | "abstain";

export interface CommitteeBallotsTable {
  id: Generated<number>;
  idea_id: number;
  committee_id: number;
  round: Generated<number>;
  opened_by: number;
  opened_at: Timestamp;
  closes_at: Timestamp;
  extended_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_by: number | null;
  member_count: number | null;
  quorum_needed: number | null;
}

export interface CommitteeVotesTable {
  id: Generated<number>;
  idea_id: number;
  committee_id: number;
  user_id: number;
  choice: VoteChoice;
  reason: string;
  cast_at: Timestamp;
  changed_at: Timestamp | null;
  changes: Generated<number>;
}

export interface CommitteeVoteHistoryTable {
  id: Generated<number>;
  vote_id: number;
  idea_id: number;
  user_id: number;
  choice: VoteChoice;
  reason: string;
  at: Timestamp;
}

export interface Database {
  committee_ballots: CommitteeBallotsTable;
  committee_votes: CommitteeVotesTable;
  committee_vote_history: CommitteeVoteHistoryTable;
}

// ——— Events, registrations and minutes (2026-12-04-100; issue 18, decision 037) ———

export type CivicEventKind = "forum" | "town_hall" | "booth" | "online";
export type RegistrationState = "registered" | "waiting" | "cancelled";

export interface CivicEventsTable {
  id: Generated<number>;
  committee_id: number | null;
  agency_id: number | null;
  kind: CivicEventKind;
  title_ko: string;
  title_en: Generated<string>;
  description_ko: Generated<string>;
  description_en: Generated<string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  region_id: number | null;
  place: Generated<string>;
  address: Generated<string>;
  online_url: Generated<string>;
  step_free: Generated<boolean>;
  sign_language: Generated<boolean>;
  captioning: Generated<boolean>;
  interpretation: Generated<string>;
  access_notes: Generated<string>;
  capacity: number | null;
  cancelled_at: Timestamp | null;
  cancel_reason: Generated<string>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EventRegistrationsTable {
  id: Generated<number>;
  event_id: number;
  user_id: number;
  state: RegistrationState;
  queued_at: Timestamp;
  promoted_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  attended: boolean | null;
  reminded_at: Timestamp | null;
}

export interface EventMinutesTable {
  id: Generated<number>;
  event_id: number;
  version: number;
  body: string;
  body_html: string;
  attendance: number;
  facilitator: string;
  idea_ids: ColumnType<number[], number[] | undefined, never>;
  note: Generated<string>;
  author_id: number | null;
  created_at: CreatedAt;
}

export interface Database {
  civic_events: CivicEventsTable;
  event_registrations: EventRegistrationsTable;
  event_minutes: EventMinutesTable;
}

// ——— Archived bodies, supervising offices, appeals (2026-12-04-140, -141; decisions 043, 044) ———

export interface CommitteesTable {
  archived_at: Timestamp | null;
}
export interface AgenciesTable {
  archived_at: Timestamp | null;
  supervising_agency_id: number | null;
}
export interface CategoriesTable {
  archived_at: Timestamp | null;
}
export interface RegionsTable {
  archived_at: Timestamp | null;
}

export interface AppealsTable {
  id: Generated<number>;
  idea_id: number | null;
  post_id: number | null;
  author_id: number;
  reason: string;
  /** The moderator whose decision is appealed (null when flags hid the post): may not rule on it. */
  decided_by_original: number | null;
  created_at: CreatedAt;
  outcome: "upheld" | "reversed" | null;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

export interface Database {
  appeals: AppealsTable;
}

// ——— Transfers, follow-ups, staff notes, follow-through (2026-12-04-130, decisions 035, 042) ———

export type TransferState = "pending" | "accepted" | "declined" | "lapsed" | "withdrawn";

/** An officer's proposal that another agency is competent, and the receiving agency's reply. */
export interface IdeaTransfersTable {
  id: Generated<number>;
  idea_id: number;
  from_agency_id: number;
  to_agency_id: number;
  reason: string;
  proposed_by: number | null;
  proposed_at: Timestamp;
  reply_due_at: Timestamp;
  agency_due_at: Timestamp | null;
  state: ColumnType<TransferState, TransferState | undefined, TransferState>;
  decided_by: number | null;
  decided_at: Timestamp | null;
  decline_reason: string | null;
  new_due_at: Timestamp | null;
}

export type FollowUpKind = "further_study" | "follow_through";

/** A follow-up answer the agency owes (fulfilled by a published revision of its answer). */
export interface FollowUpsTable {
  id: Generated<number>;
  idea_id: number;
  kind: FollowUpKind;
  agency_id: number | null;
  due_at: Timestamp;
  created_at: Timestamp;
  fulfilled_at: Timestamp | null;
  fulfilled_version: number | null;
}

/** Private to the idea's committee and agency staff. */
export interface StaffNotesTable {
  id: Generated<number>;
  idea_id: number;
  author_id: number | null;
  body: string;
  created_at: Timestamp;
}

export type FollowThroughRating = "yes" | "partly" | "no";

export interface FollowThroughRatingsTable {
  idea_id: number;
  user_id: number;
  rating: FollowThroughRating;
  comment: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  idea_transfers: IdeaTransfersTable;
  follow_ups: FollowUpsTable;
  staff_notes: StaffNotesTable;
  follow_through_ratings: FollowThroughRatingsTable;
}

// ——— Search under load (issue 19, migration 2026-12-04-150): a narrow copy for ranking ———

/** One row per idea that is not hidden, kept by a trigger on `ideas`: what a search by relevance reads. */
export interface IdeaSearchTable {
  idea_id: number;
  status: IdeaStatus;
  category_id: number;
  region_id: number | null;
  campaign_id: number | null;
  vector: string;
  /** The title's lexemes (the vector's weight A), computed by PostgreSQL (2026-12-06-060). */
  title_vector: Generated<string>;
}

/** A search's title set reads these narrow rows (2026-12-10-112, decision 101); kept by a trigger. */
export interface IdeaTitlesTable {
  idea_id: number;
  status: IdeaStatus;
  category_id: number;
  region_id: number | null;
  campaign_id: number | null;
  title_vector: string;
}

export interface Database {
  idea_search: IdeaSearchTable;
  idea_titles: IdeaTitlesTable;
}

// ——— Committee meetings and minutes (2026-12-04-120, decision 029) ———

export interface CommitteeMeetingsTable {
  id: Generated<number>;
  committee_id: number;
  starts_at: Timestamp;
  place: string | null;
  online_url: string | null;
  cancelled_at: Timestamp | null;
  created_by: number;
  created_at: CreatedAt;
}

export interface CommitteeMeetingItemsTable {
  id: Generated<number>;
  meeting_id: number;
  idea_id: number;
  position: number;
}

export interface CommitteeMeetingChangesTable {
  id: Generated<number>;
  meeting_id: number;
  kind: "moved" | "cancelled";
  from_starts_at: Timestamp;
  to_starts_at: Timestamp | null;
  reason: string;
  author_id: number | null;
  created_at: Timestamp;
}

/** A member present at a meeting, as named in its minutes. */
export interface MinutesAttendee {
  userId: number;
  name: string;
}

/** What the meeting decided on one agenda item. */
export interface MinutesDecision {
  ideaId: number;
  decision: string;
}

export interface CommitteeMinutesTable {
  id: Generated<number>;
  meeting_id: number;
  version: number;
  body: string;
  body_html: string;
  attendance: Json<MinutesAttendee[]>;
  decisions: Json<MinutesDecision[]>;
  note: string;
  author_id: number | null;
  created_at: Timestamp;
}

export interface Database {
  committee_meetings: CommitteeMeetingsTable;
  committee_meeting_items: CommitteeMeetingItemsTable;
  committee_meeting_changes: CommitteeMeetingChangesTable;
  committee_minutes: CommitteeMinutesTable;
}

// ——— The deliberation digest (2026-12-04-121, decision 034) ———

/** One of the strongest arguments, and the posts it draws on. */
export interface DigestArgument {
  text: string;
  posts: number[];
}

export interface DeliberationDigestsTable {
  id: Generated<number>;
  idea_id: number;
  committee_id: number;
  writer_id: number | null;
  arguments_for: Json<DigestArgument[]>;
  arguments_against: Json<DigestArgument[]>;
  open_questions: Json<string[]>;
  evidence: Generated<string>;
  written_by: number | null;
  updated_at: Timestamp | null;
  frozen_at: Timestamp | null;
  recommendation_id: number | null;
}

export interface Database {
  deliberation_digests: DeliberationDigestsTable;
}

// Assisted entry and paper supports (2026-12-04-110, decision 039). Interfaces merge: these add
// columns to ideas and campaigns declared above.
export type IdeaChannel = "web" | "event" | "paper" | "phone";
export type PaperRule = "not_counted" | "counted";

export interface IdeasTable {
  channel: Generated<IdeaChannel>;
  /** The staff member who filed it for a person; the author until the person claims it. */
  entered_by: number | null;
  /** The reference of the person's signed consent form. */
  consent_ref: string | null;
  /** The event it was born at (civic_events.id; decision 040). */
  event_id: number | null;
  claimed_at: Timestamp | null;
  /** Verified paper signatures of active accepted batches plus in-person supports. */
  paper_support_count: Generated<number>;
  /** The part of paper_support_count that counts toward the threshold (the call's rule). */
  paper_counted: Generated<number>;
}

export interface CampaignsTable {
  paper_supports: Generated<PaperRule>;
}

export interface IdeaClaimCodesTable {
  id: Generated<number>;
  idea_id: number;
  code_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  used_by: number | null;
  created_by: number;
  created_at: CreatedAt;
}

export interface PaperBatchesTable {
  id: Generated<number>;
  idea_id: number;
  channel: "event" | "paper";
  event_id: number | null;
  signatures_claimed: number;
  signatures_verified: number;
  verifier_id: number;
  scan_sha256: string;
  /** The scan's file name inside PAPER_SCANS_DIR, when it was uploaded. */
  scan_file: string | null;
  decision: "accepted" | "rejected";
  note: Generated<string>;
  state: Generated<"active" | "corrected" | "voided">;
  replaces_id: number | null;
  closed_reason: string | null;
  closed_by: number | null;
  closed_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface InPersonSupportsTable {
  id: Generated<number>;
  idea_id: number;
  /** scrypt of the person's details salted with the idea: rows recorded before decision 063 only. */
  identity_hash: string | null;
  /** HMAC of the person's details with the server's key, the same on every idea (decision 063). */
  person_digest: string | null;
  channel: "event" | "paper" | "phone";
  event_id: number | null;
  consent_ref: string;
  recorded_by: number;
  created_at: CreatedAt;
  voided_at: Timestamp | null;
  voided_by: number | null;
  void_reason: string | null;
  /** The account the person made later, matched by staff who verified them in person (decision 058). */
  user_id: number | null;
  linked_at: Timestamp | null;
  /** The person already supported the idea online when matched: this row closed, the online one counts. */
  merged_at: Timestamp | null;
}

export interface Database {
  idea_claim_codes: IdeaClaimCodesTable;
  paper_batches: PaperBatchesTable;
  in_person_supports: InPersonSupportsTable;
}

// Verification levels, eligibility per call, weighted flags (2026-12-04-170, decisions 049, 050).
/** 1 e-mail verified, 2 identity verified (OpenID Connect), 3 verified in person by staff. */
export type VerificationLevel = 1 | 2 | 3;

export interface IdentityVerificationsTable {
  user_id: number;
  method: "oidc" | "in_person";
  provider: string | null;
  /** HMAC-SHA-256 (hex) of the provider's stable person identifier; the identifier is never stored. */
  subject_hmac: string | null;
  birth_year: number | null;
  province_id: number | null;
  verified_at: Timestamp;
  expires_at: Timestamp;
  verified_by: number | null;
  place: string | null;
  /** Revoked by staff (decision 057): the verification ends (expires_at moves to then) and this says why. */
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_by: ColumnType<number | null, number | null | undefined, number | null>;
  revocation_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface IdentityRequestsTable {
  state: string;
  user_id: number;
  provider: string;
  code_verifier: string;
  nonce: string;
  expires_at: Timestamp;
}

export interface SupportsTable {
  /** The supporter's level when supporting (null: given before levels were recorded). */
  verification_level: number | null;
}

export interface IdeasTable {
  verified_support_count: Generated<number>;
  /** Copied from the call: only identity- or in-person-verified supports count toward the threshold. */
  threshold_counts_verified: Generated<boolean>;
}

export interface CampaignsTable {
  propose_level: Generated<number>;
  support_level: Generated<number>;
  eligible_region_id: number | null;
  min_age: number | null;
  verified_threshold: Generated<boolean>;
}

export interface FlagsTable {
  /** In quarters of a flag (4 = one full flag); null for flags made before weights (counted as 4). */
  weight: number | null;
}

export interface Database {
  identity_verifications: IdentityVerificationsTable;
  identity_requests: IdentityRequestsTable;
}

/** Keys the server made for itself, shared by every app process (2026-12-05-020, decision 048). */
export interface ServerSecretsTable {
  name: string;
  secret: string;
  created_at: CreatedAt;
}

/** Sign-up challenges already used, kept until they would have expired (decision 048). */
export interface UsedSignupChallengesTable {
  signature: string;
  expires_at: Date;
}

export interface Database {
  server_secrets: ServerSecretsTable;
  used_signup_challenges: UsedSignupChallengesTable;
}

// ——— Two-factor sign-in (2026-12-05-010, decision 047) ———

/** An account enrolled in TOTP two-factor sign-in (app/domain/accounts/two-factor.server.ts). */
export interface TwoFactorTable {
  user_id: number;
  /**
   * The TOTP secret (base32, 20 bytes: what the authenticator app holds), sealed with the server's
   * key: "v1:" and AES-256-GCM (db/secret-box.ts, decision 056). Opened only where a code is checked.
   */
  secret: string;
  /** The last TOTP time step accepted: a code is good once, and never an older one after it. */
  last_step: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  enrolled_at: CreatedAt;
}

/** Single-use recovery codes: only the SHA-256 (hex) of each is kept. */
export interface TwoFactorRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A password accepted and the second factor still to come (five minutes, five tries). */
export interface SignInChallengesTable {
  /** SHA-256 (hex) of the token the sign-in form carries. */
  token_hash: string;
  user_id: number;
  attempts: ColumnType<number, number | undefined, number>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface Database {
  two_factor: TwoFactorTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  sign_in_challenges: SignInChallengesTable;
}

// ——— Verifiable totals (2026-12-05-030, decision 051) ———

/** A day's published Merkle root (Korea time); append-only. */
export interface SupportRootsTable {
  day: string;
  root: string;
  leaf_count: number;
  supports: number;
  invalidations: number;
  reinstatements: number;
  published_at: Timestamp;
}

/** The day's leaf hashes in the tree's order, 32 bytes each; append-only. */
export interface SupportRootLeavesTable {
  day: string;
  leaves: Buffer;
}

/** A published day's inner Merkle nodes (2026-12-11-113, decision 104): merkleNodes' layout. */
export interface SupportRootNodesTable {
  day: string;
  nodes: Buffer;
}

export interface Database {
  support_roots: SupportRootsTable;
  support_root_leaves: SupportRootLeavesTable;
  support_root_nodes: SupportRootNodesTable;
}

// ——— Guests in a deliberation (2026-12-06-010, decision 054) ———

/** An invitation to post in an idea's deliberation thread; withdrawn ones stay as history. */
export interface DeliberationGuestsTable {
  id: Generated<number>;
  idea_id: number;
  committee_id: number;
  user_id: number;
  kind: GuestKind;
  /** The agency an officer was invited for; null for the author. */
  agency_id: number | null;
  invited_by: number;
  invited_at: Timestamp;
  withdrawn_at: Timestamp | null;
  withdrawn_by: number | null;
}

export type GuestKind = "author" | "officer";

export interface PostsTable {
  /** The invitation a guest wrote this post under; null for members' posts and comments. */
  guest_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface Database {
  deliberation_guests: DeliberationGuestsTable;
}

// ——— The security log (2026-12-07-010, docs/security.md V7) ———

export type SecurityEventKind = "login.failed" | "login.limited" | "login.codeFailed" | "login.succeeded" | "request.refused" | "log.dropped";

/** A security event, as standard output also has it; the address is cleared after a setting's days. */
export interface SecurityEventsTable {
  id: Generated<string>;
  at: Timestamp;
  kind: SecurityEventKind;
  /** The client's address (`inet`); null once the retention job cleared it, or when unknown. */
  ip: string | null;
  user_id: number | null;
  /** A digest of the e-mail address typed at sign-in (never the address). */
  account: string | null;
  /** status, method, path (refused requests); device (sign-ins); count (log.dropped). */
  details: Json<Record<string, unknown>>;
}

export interface Database {
  security_events: SecurityEventsTable;
}
