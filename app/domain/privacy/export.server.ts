// "Download my data" (/me/data; issue 17, Privacy rights): everything Madang holds about one
// person, as one JSON document, and nothing about anyone else. Other people appear only as what
// the person already sees on the site (an idea's title, a thread's title), never by name, e-mail
// or account id: who flagged the person, who supported their ideas and which staff member acted
// on their account are other people's data and stay out.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { twoFactorStatus } from "../accounts/two-factor.server";
import { verificationOf } from "../identity/verification.server";
import { receiptFor } from "../receipts/queries.server";

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** What changes when the document's shape changes (people and tools can tell versions apart). */
export const EXPORT_FORMAT = "madang-personal-data/1";

export async function personalData(db: Kysely<Database>, userId: number, now = new Date(), site = "") {
  const user = await db
    .selectFrom("users")
    .leftJoin("regions", "regions.id", "users.home_region_id")
    .select([
      "users.id",
      "users.email",
      "users.display_name",
      "users.email_verified_at",
      "users.locale",
      "users.created_at",
      "users.suspended_until",
      "users.suspension_reason",
      "users.email_on_own_ideas",
      "users.email_on_followed_ideas",
      "users.email_on_staff_deadlines",
      "regions.code as home_region",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirstOrThrow();

  const verification = await verificationOf(db, userId);
  // Whether two-factor sign-in is on, not its secret or codes: those are keys, not data about the person.
  const twoFactor = await twoFactorStatus(db, userId);
  const [roles, ideas, supports, follows, posts, flags, notifications, sessions, devices, emails, auditAbout, auditBy] = await Promise.all([
    db
      .selectFrom("role_grants")
      .leftJoin("committees", "committees.id", "role_grants.committee_id")
      .leftJoin("agencies", "agencies.id", "role_grants.agency_id")
      .select(["role_grants.role", "committees.slug as committee", "agencies.slug as agency", "role_grants.created_at"])
      .where("role_grants.user_id", "=", userId)
      .orderBy("role_grants.id")
      .execute(),
    db
      .selectFrom("ideas")
      .select(["id", "title", "body", "status", "category_id", "region_id", "campaign_id", "support_count", "created_at", "edited_at", "hidden_at", "hidden_reason"])
      .where("author_id", "=", userId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("supports")
      .innerJoin("ideas", "ideas.id", "supports.idea_id")
      .select([
        "supports.idea_id",
        "ideas.title",
        "supports.created_at",
        "supports.region_id",
        "supports.ip_prefix",
        "supports.invalidated_at",
        "supports.verification_level",
        "supports.receipt_salt",
        // The time exactly as the day's leaf has it (UTC, microseconds; decision 051).
        sql<string>`to_char(supports.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("exact_time"),
      ])
      .where("supports.user_id", "=", userId)
      .orderBy("supports.created_at")
      .execute(),
    db
      .selectFrom("follows")
      .innerJoin("ideas", "ideas.id", "follows.idea_id")
      .select(["follows.idea_id", "ideas.title", "follows.created_at"])
      .where("follows.user_id", "=", userId)
      .orderBy("follows.created_at")
      .execute(),
    db
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      // Written as a guest of a deliberation (decision 054): as the idea's author or as an officer.
      .leftJoin("deliberation_guests", "deliberation_guests.id", "posts.guest_id")
      .select([
        "deliberation_guests.kind as as_guest",
        "posts.id",
        "posts.thread_id",
        "threads.kind as thread_kind",
        "threads.idea_id",
        "threads.title as thread_title",
        "posts.parent_id",
        "posts.body",
        "posts.stance",
        "posts.created_at",
        "posts.edited_at",
        "posts.removed_at",
        "posts.removal",
        "posts.hidden_at",
        "posts.hidden_reason",
      ])
      .where("posts.author_id", "=", userId)
      .orderBy("posts.id")
      .execute(),
    db
      .selectFrom("flags")
      .select(["id", "idea_id", "post_id", "reason", "details", "created_at", "resolved_at", "resolution"])
      .where("user_id", "=", userId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("notifications")
      .select(["id", "kind", "idea_id", "payload", "created_at", "read_at", "emailed_at"])
      .where("user_id", "=", userId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("sessions")
      .select(["created_at", "expires_at", "last_seen_at", "browser", "os", "network"])
      .where("user_id", "=", userId)
      .where("expires_at", ">", now)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("trusted_devices")
      .select(["created_at", "last_used_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute(),
    // E-mails to the person: what and when. Not the bodies: they carry single-use links.
    db
      .selectFrom("email_outbox")
      .select(["kind", "subject", "created_at", "sent_at"])
      .where("to_address", "=", user.email)
      .orderBy("id")
      .execute(),
    // Staff actions about the account: the account itself, or the person's ideas and posts
    // (the use cases name the person as subjectUserId). The staff member is not named.
    db
      .selectFrom("audit_log")
      .select(["action", "target_type", "target_id", "details", "created_at", "actor_id"])
      .where((eb) =>
        eb.or([
          eb.and([eb("target_type", "=", "user"), eb("target_id", "=", String(userId))]),
          eb(sql`details->>'subjectUserId'`, "=", String(userId)),
        ]),
      )
      .orderBy("id")
      .execute(),
    db
      .selectFrom("audit_log")
      .select(["action", "target_type", "target_id", "created_at"])
      .where("actor_id", "=", userId)
      .orderBy("id")
      .execute(),
  ]);

  // Each support's receipt (decision 051): the whole receipt once its day's root is published,
  // which anyone can check against the open data; before that, what rebuilds it then (the
  // salt and the exact time, with the idea and the account id: the leaf, and the proof from the
  // day's published leaves at /api/v1/support-roots/{day}).
  const receipts = await Promise.all(supports.map((s) => receiptFor(db, userId, s.idea_id, site)));

  // Events the person registered for (or waited for), with the state and attendance.
  const registrations = await db
    .selectFrom("event_registrations as g")
    .innerJoin("civic_events as e", "e.id", "g.event_id")
    .select(["g.event_id", "e.title_ko", "e.starts_at", "g.state", "g.queued_at", "g.cancelled_at", "g.attended"])
    .where("g.user_id", "=", userId)
    .orderBy("g.id")
    .execute();

  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    account: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      emailVerifiedAt: iso(user.email_verified_at),
      language: user.locale,
      homeRegion: user.home_region,
      joinedAt: iso(user.created_at),
      suspendedUntil: iso(user.suspended_until),
      suspensionReason: user.suspension_reason,
      emailSettings: { ownIdeas: user.email_on_own_ideas, followedIdeas: user.email_on_followed_ideas, staffDeadlines: user.email_on_staff_deadlines },
      roles: roles.map((r) => ({ role: r.role, committee: r.committee, agency: r.agency, grantedAt: iso(r.created_at) })),
      // How the identity was verified (decision 049); the staff member who checked an ID is theirs to keep.
      identityVerification: verification.method
        ? {
            method: verification.method,
            provider: verification.provider,
            place: verification.place,
            verifiedAt: iso(verification.verifiedAt),
            expiresAt: iso(verification.expiresAt),
            birthYear: verification.birthYear,
            provinceId: verification.provinceId,
            personFingerprintKept: verification.method === "oidc",
          }
        : null,
    },
    ideas: ideas.map((i) => ({
      id: i.id,
      title: i.title,
      body: i.body,
      status: i.status,
      categoryId: i.category_id,
      regionId: i.region_id,
      campaignId: i.campaign_id,
      supportCount: i.support_count,
      createdAt: iso(i.created_at),
      editedAt: iso(i.edited_at),
      hiddenAt: iso(i.hidden_at),
      hiddenReason: i.hidden_reason,
    })),
    eventRegistrations: registrations.map((r) => ({
      eventId: r.event_id,
      eventTitle: r.title_ko,
      startsAt: iso(r.starts_at),
      state: r.state,
      since: iso(r.queued_at),
      cancelledAt: iso(r.cancelled_at),
      attended: r.attended,
    })),
    supports: supports.map((s, i) => ({
      ideaId: s.idea_id,
      ideaTitle: s.title,
      supportedAt: iso(s.created_at),
      regionId: s.region_id,
      networkPrefix: s.ip_prefix,
      invalidatedAt: iso(s.invalidated_at),
      verificationLevel: s.verification_level,
      receipt: receipts[i].kind === "receipt" ? receipts[i].receipt : null,
      receiptPendingDay: receipts[i].kind === "pending" ? receipts[i].day : null,
      receiptData: { idea: s.idea_id, supporter: userId, salt: s.receipt_salt, supported_at: s.exact_time },
    })),
    follows: follows.map((f) => ({ ideaId: f.idea_id, ideaTitle: f.title, since: iso(f.created_at) })),
    posts: posts.map((p) => ({
      id: p.id,
      threadId: p.thread_id,
      where: p.thread_kind === "idea_comments" ? "idea" : "committee",
      ideaId: p.idea_id,
      threadTitle: p.thread_title,
      replyTo: p.parent_id,
      body: p.body,
      stance: p.stance,
      createdAt: iso(p.created_at),
      editedAt: iso(p.edited_at),
      removedAt: iso(p.removed_at),
      removedBy: p.removal,
      hiddenAt: iso(p.hidden_at),
      hiddenReason: p.hidden_reason,
      asGuest: p.as_guest,
    })),
    flags: flags.map((f) => ({
      id: f.id,
      ideaId: f.idea_id,
      postId: f.post_id,
      reason: f.reason,
      details: f.details,
      createdAt: iso(f.created_at),
      resolvedAt: iso(f.resolved_at),
      resolution: f.resolution,
    })),
    notifications: notifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      ideaId: n.idea_id,
      payload: n.payload,
      createdAt: iso(n.created_at),
      readAt: iso(n.read_at),
      emailedAt: iso(n.emailed_at),
    })),
    twoFactor: twoFactor ? { on: true, since: twoFactor.enrolledAt, recoveryCodesLeft: twoFactor.recoveryCodesLeft } : { on: false },
    sessions: sessions.map((s) => ({
      signedInAt: iso(s.created_at),
      expiresAt: iso(s.expires_at),
      lastSeenAt: iso(s.last_seen_at),
      browser: s.browser,
      os: s.os,
      network: s.network,
    })),
    rememberedBrowsers: devices.map((d) => ({ firstSignIn: iso(d.created_at), lastSignIn: iso(d.last_used_at) })),
    emails: emails.map((e) => ({ kind: e.kind, subject: e.subject, queuedAt: iso(e.created_at), sentAt: iso(e.sent_at) })),
    audit: {
      aboutMe: auditAbout.map((a) => ({
        action: a.action,
        target: `${a.target_type}:${a.target_id}`,
        by: a.actor_id === userId ? "me" : "staff",
        details: a.details,
        at: iso(a.created_at),
      })),
      // What the person did as staff: the action and when. Not its details or the account it
      // was about: those are the other person's data (a suspension reason, a note).
      byMe: auditBy.map((a) => ({ action: a.action, target: a.target_type === "user" ? "user" : `${a.target_type}:${a.target_id}`, at: iso(a.created_at) })),
    },
  };
}

export type PersonalData = Awaited<ReturnType<typeof personalData>>;

/** How many of each the export holds: shown on /me/data before the person downloads it. */
export function summary(data: PersonalData) {
  return {
    ideas: data.ideas.length,
    supports: data.supports.length,
    follows: data.follows.length,
    posts: data.posts.length,
    flags: data.flags.length,
    notifications: data.notifications.length,
    sessions: data.sessions.length,
    emails: data.emails.length,
    audit: data.audit.aboutMe.length + data.audit.byMe.length,
  };
}
