// English messages: the site settings (/admin/settings). Every key of the registry
// (app/domain/settings.ts) has its label and help under settings.keys (tests/unit/settings.test.ts).
export default {
  settings: {
    title: "Site settings",
    intro: "How the site works, changed here without a deploy. Each change is recorded in the audit log with who made it, the old and new value, when and why.",
    contents: "Groups",
    groups: {
      support: "Support",
      deadlines: "Deadlines",
      participation: "Participation limits",
      moderation: "Moderation",
      integrity: "Integrity of support (burst watch)",
      openData: "Open data",
      privacy: "Privacy (how long personal data is kept)",
    },
    unitName: {
      days: "days",
      businessDays: "business days",
      hours: "hours",
      minutes: "minutes",
      count: "number",
      percent: "percent",
      text: "text",
    },
    amount: {
      days_one: "{{count, number}} day",
      days_other: "{{count, number}} days",
      businessDays_one: "{{count, number}} business day",
      businessDays_other: "{{count, number}} business days",
      hours_one: "{{count, number}} hour",
      hours_other: "{{count, number}} hours",
      minutes_one: "{{count, number}} minute",
      minutes_other: "{{count, number}} minutes",
      count_one: "{{count, number}}",
      count_other: "{{count, number}}",
      percent_one: "{{count, number}}%",
      percent_other: "{{count, number}}%",
    },
    range: "Allowed: {{min, number}} to {{max, number}} ({{unit}})",
    textRange: "Text of at most {{max, number}} characters",
    defaultValue: "Default: {{value}}",
    currentValue: "Now: {{value}}",
    applies: {
      new: "Applies only to steps that start after the change: what is already under way keeps the value it started with.",
      now: "Applies at once, from the next action on.",
    },
    value: "New value",
    reason: "Why (optional)",
    reasonHint: "Kept in the audit log with the change.",
    save: "Save {{label}}",
    saveShort: "Save",
    saved: "{{label}} changed from {{from}} to {{to}}.",
    unchanged: "{{label}} was already {{value}}: nothing changed.",
    lastChanged: "Last changed {{date}} by {{name}}, from {{from}}.",
    lastChangedWhy: "Why: {{reason}}",
    auditLink: "Every change in the audit log",
    keys: {
      default_support_threshold: {
        label: "Supports needed to be fast-tracked",
        help: "How many supports a new idea needs, before its support window closes, to go to a committee. A call for ideas may set its own. Ideas already open keep the number they started with.",
      },
      default_support_window_days: {
        label: "Support window",
        help: "How long a new idea collects support. A call for ideas may set its own. Ideas already open keep their closing date.",
      },
      committee_deadline_days: {
        label: "Committee's deadline",
        help: "How long a committee has to record its recommendation once an idea is fast-tracked. Ideas already with a committee keep their due date.",
      },
      agency_deadline_days: {
        label: "Agency's deadline",
        help: "How long an agency has to answer an idea forwarded to it. Ideas already forwarded keep their due date.",
      },
      escalation_business_days: {
        label: "Escalation after",
        help: "An agency's answer overdue by this many business days goes to the agency's supervising office, in public on the idea's timeline.",
      },
      extension_max_business_days: {
        label: "Longest extension",
        help: "The most business days one extension may add; a step is extended at most once, with a public reason.",
      },
      transfer_reply_business_days: {
        label: "Reply to a transfer",
        help: "Business days a receiving agency has to accept or decline a transfer; without a reply the proposal lapses and the idea stays with the proposing agency.",
      },
      follow_through_min_raters: {
        label: "Follow-through: raters needed",
        help: "The fewest citizens (the author and supporters) who must rate an answer before their verdict can oblige the agency to a follow-up answer.",
      },
      follow_through_no_percent: {
        label: "Follow-through: share saying no",
        help: "When at least this share of the raters say the answer did not address the proposal, the agency owes one follow-up answer within 10 business days.",
      },
      claim_code_days: {
        label: "Claim codes valid for",
        help: "Days a one-time code given on paper lets the person claim an idea staff filed for them. Applies to codes given after the change.",
      },
      ideas_per_day: {
        label: "Ideas per person per day",
        help: "How many ideas one account may submit in 24 hours.",
      },
      edit_max_other_supporters: {
        label: "Editing stops at this many supporters",
        help: "An author may edit an idea while fewer than this many other people support it, so that nobody's support changes meaning. 0: no edits once anyone else supports it.",
      },
      comments_per_10_minutes: {
        label: "Comments per person in 10 minutes",
        help: "How many comments on ideas one account may post in any 10 minutes.",
      },
      flag_hide_threshold: {
        label: "Reports that hide an item",
        help: "How many different people must report an idea or a comment before it is hidden until a moderator looks at it.",
      },
      screening_min_account_minutes: {
        label: "New accounts held for review",
        help: "An idea from an account younger than this is held for a moderator's review before it is published.",
      },
      flag_new_account_hours: {
        label: "Flags from new accounts weigh less",
        help: "A flag from an account younger than this, whose owner has not verified their identity, counts as a quarter of a flag toward hiding an item.",
      },
      flag_protected_supports: {
        label: "Popular ideas stay visible",
        help: "An idea with at least this many supports is never hidden by flags alone: the moderators are alerted and decide.",
      },
      flag_burst_new_accounts: {
        label: "Alert on a burst of flags",
        help: "Flags on one idea from new accounts within the burst window that raise a moderator alert.",
      },
      screening_max_links: {
        label: "Links allowed without review",
        help: "An idea with more links than this is held for a moderator's review before it is published.",
      },
      burst_window_minutes: {
        label: "Burst watch: window",
        help: "The time over which the burst watch counts an idea's supports. It alerts moderators; it never blocks a support.",
      },
      burst_new_account_hours: {
        label: "Burst watch: age of a new account",
        help: "An account younger than this counts as new for the burst watch.",
      },
      burst_new_accounts: {
        label: "Burst watch: supports from new accounts",
        help: "Supports from new accounts within the window that raise an alert.",
      },
      burst_ip_prefix_supports: {
        label: "Burst watch: supports from one network",
        help: "Supports from one network (address prefix) within the window that raise an alert.",
      },
      retention_support_network_days: {
        label: "Retention: a support's network",
        help: "Days a support keeps the network it came from (for the burst watch and invalidations by network); then the retention job clears it.",
      },
      retention_email_body_days: {
        label: "Retention: e-mail text",
        help: "Days the text of a sent (or given-up) e-mail is kept; who, what and when stay.",
      },
      retention_alert_network_days: {
        label: "Retention: networks in resolved alerts",
        help: "Days a resolved burst alert keeps the network it named.",
      },
      retention_security_address_days: {
        label: "Retention: addresses in the security log",
        help: "Days a security event (a sign-in, a refused request) keeps the network address it came from; then the retention job clears it.",
      },
      retention_security_event_days: {
        label: "Retention: the security log",
        help: "Days a security event is kept at all (without its address once that period has passed); then the retention job removes it.",
      },
      identity_verification_days: {
        label: "Identity verification lasts",
        help: "Days an identity verification (online or in person) counts before the person must verify again.",
      },
      open_data_licence: {
        label: "Open data licence",
        help: "The licence every export, the feed and the open-data page name (for example “KOGL Type 1 / CC BY 4.0”).",
      },
    },
    errors: {
      number: "Enter a number from {{min, number}} to {{max, number}}.",
      whole: "Enter a whole number (no decimals) from {{min, number}} to {{max, number}}.",
      range: "Enter a whole number from {{min, number}} to {{max, number}}.",
      changedMeanwhile: "Someone changed this setting meanwhile: it is now {{value}}. Check it and save again.",
    },
  },
};
