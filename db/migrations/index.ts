// Every migration, by name, in order. Listed here rather than discovered on disk so that they
// load the same way under tsx, Vitest and any bundler; tests/unit/migrations.test.ts checks
// that this list and the folder agree.
import type { Migration } from "kysely";
import * as foundation from "./2026-11-24-001-foundation";
import * as ideas from "./2026-11-24-002-ideas";
import * as workflow from "./2026-11-24-003-workflow";
import * as deliberation from "./2026-11-24-004-deliberation";
import * as stats from "./2026-11-24-005-stats";
import * as moderation from "./2026-11-24-006-moderation";
import * as sessions from "./2026-11-24-007-sessions";
import * as performanceIndexes from "./2026-11-24-008-performance";
import * as unsubscribeTokens from "./2026-11-24-009-unsubscribe-tokens";
import * as trustedDevices from "./2026-12-02-020-trusted-devices";
import * as excerptsWithoutHeadings from "./2026-12-02-040-excerpts-without-headings";
import * as committeeVotes from "./2026-12-03-050-committee-votes";
import * as businessDayClock from "./2026-12-03-060-business-day-clock";
import * as answerLifecycle from "./2026-12-03-061-answer-lifecycle";
import * as auditLogPaging from "./2026-12-03-070-audit-log-paging";
import * as pages from "./2026-12-03-071-pages";
import * as transparency from "./2026-12-03-072-transparency";
import * as accountDeletion from "./2026-12-03-085-account-deletion";
import * as civicEvents from "./2026-12-04-100-civic-events";
import * as assistedEntry from "./2026-12-04-110-assisted-entry";
import * as committeeMeetings from "./2026-12-04-120-committee-meetings";
import * as deliberationDigests from "./2026-12-04-121-deliberation-digests";
import * as transfersAndFollowThrough from "./2026-12-04-130-transfers-and-follow-through";
import * as archivedBodies from "./2026-12-04-140-archived-bodies";
import * as appeals from "./2026-12-04-141-appeals";
import * as accountSearch from "./2026-12-04-142-account-search";
import * as ideaSearch from "./2026-12-04-150-idea-search";
import * as verificationLevels from "./2026-12-04-170-verification-levels";
import * as twoFactor from "./2026-12-05-010-two-factor";
import * as signupChallenges from "./2026-12-05-020-signup-challenges";
import * as supportRoots from "./2026-12-05-030-support-roots";
import * as ideasBornAtEvents from "./2026-12-05-040-ideas-born-at-events";
import * as deliberationGuests from "./2026-12-06-010-deliberation-guests";
import * as answerRepliesAndStepHolders from "./2026-12-06-020-answer-replies-and-step-holders";
import * as accountTrust from "./2026-12-06-030-account-trust";
import * as inPersonLinks from "./2026-12-06-040-in-person-links";
import * as searchTitleVector from "./2026-12-06-060-search-title-vector";
import * as sessionDevices from "./2026-12-06-070-session-devices";
import * as securityEvents from "./2026-12-07-010-security-events";
import * as inPersonDigest from "./2026-12-07-020-in-person-digest";
import * as gazetteHolidays from "./2026-12-07-060-gazette-holidays";
import * as postsTallyWithoutGuests from "./2026-12-08-110-posts-tally-without-guests";
import * as inPersonSupportsIdea from "./2026-12-08-120-in-person-supports-idea";
import * as pagedBodyLists from "./2026-12-09-110-paged-body-lists";
import * as threadPostsVersion from "./2026-12-10-111-thread-posts-version";
import * as ideaTitles from "./2026-12-10-112-idea-titles";
import * as supportRootNodes from "./2026-12-11-113-support-root-nodes";

export const migrations: Record<string, Migration> = {
  "2026-11-24-001-foundation": foundation,
  "2026-11-24-002-ideas": ideas,
  "2026-11-24-003-workflow": workflow,
  "2026-11-24-004-deliberation": deliberation,
  "2026-11-24-005-stats": stats,
  "2026-11-24-006-moderation": moderation,
  "2026-11-24-007-sessions": sessions,
  "2026-11-24-008-performance": performanceIndexes,
  "2026-11-24-009-unsubscribe-tokens": unsubscribeTokens,
  "2026-12-02-020-trusted-devices": trustedDevices,
  "2026-12-02-040-excerpts-without-headings": excerptsWithoutHeadings,
  "2026-12-03-050-committee-votes": committeeVotes,
  "2026-12-03-060-business-day-clock": businessDayClock,
  "2026-12-03-061-answer-lifecycle": answerLifecycle,
  "2026-12-03-070-audit-log-paging": auditLogPaging,
  "2026-12-03-071-pages": pages,
  "2026-12-03-072-transparency": transparency,
  "2026-12-03-085-account-deletion": accountDeletion,
  "2026-12-04-100-civic-events": civicEvents,
  "2026-12-04-110-assisted-entry": assistedEntry,
  "2026-12-04-120-committee-meetings": committeeMeetings,
  "2026-12-04-121-deliberation-digests": deliberationDigests,
  "2026-12-04-130-transfers-and-follow-through": transfersAndFollowThrough,
  "2026-12-04-140-archived-bodies": archivedBodies,
  "2026-12-04-141-appeals": appeals,
  "2026-12-04-142-account-search": accountSearch,
  "2026-12-04-150-idea-search": ideaSearch,
  "2026-12-04-170-verification-levels": verificationLevels,
  "2026-12-05-010-two-factor": twoFactor,
  "2026-12-05-020-signup-challenges": signupChallenges,
  "2026-12-05-030-support-roots": supportRoots,
  "2026-12-05-040-ideas-born-at-events": ideasBornAtEvents,
  "2026-12-06-010-deliberation-guests": deliberationGuests,
  "2026-12-06-020-answer-replies-and-step-holders": answerRepliesAndStepHolders,
  "2026-12-06-030-account-trust": accountTrust,
  "2026-12-06-040-in-person-links": inPersonLinks,
  "2026-12-06-060-search-title-vector": searchTitleVector,
  "2026-12-06-070-session-devices": sessionDevices,
  "2026-12-07-010-security-events": securityEvents,
  "2026-12-07-020-in-person-digest": inPersonDigest,
  "2026-12-07-060-gazette-holidays": gazetteHolidays,
  "2026-12-08-110-posts-tally-without-guests": postsTallyWithoutGuests,
  "2026-12-08-120-in-person-supports-idea": inPersonSupportsIdea,
  "2026-12-09-110-paged-body-lists": pagedBodyLists,
  "2026-12-10-111-thread-posts-version": threadPostsVersion,
  "2026-12-10-112-idea-titles": ideaTitles,
  "2026-12-11-113-support-root-nodes": supportRootNodes,
};
