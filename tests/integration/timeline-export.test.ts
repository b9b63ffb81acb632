// Every kind of event an idea's public timeline holds is in the open data (/api/v1/events, JSON
// and CSV) and in the Atom feed, labelled in Korean and English as the idea's page labels it
// (issue 15, decision 041): the agency's steps (extensions, interim replies, transfers, revised
// answers, follow-ups, escalations) as much as the changes of status.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_TIMELINE_KINDS } from "../../app/domain/ideas/timeline-kinds";
import { loader as eventsCsv } from "../../app/routes/api.v1.events[.]csv";
import { loader as eventsJson } from "../../app/routes/api.v1.events";
import { loader as feed } from "../../app/routes/feed[.]atom";
import { createCampaign, createIdea, createUser } from "../../db/factories";
import { openTestDatabase, type TestDatabase } from "./db";

/** Written by hand: every kind an idea's timeline may hold. A new kind belongs here, and in the exports. */
const EVERY_KIND = [
  "submitted",
  "held",
  "edited",
  "threshold_reached",
  "status",
  "merged_in",
  "supports_invalidated",
  "supports_reinstated",
  "vote_opened",
  "vote_extended",
  "vote_closed",
  "meeting_discussed",
  "reassigned_committee",
  "reassigned_agency",
  "deadline_reset",
  "assigned",
  "extended",
  "interim_reply",
  "answer_revised",
  "progress",
  "escalated",
  "transfer_proposed",
  "transfer_accepted",
  "transfer_declined",
  "transfer_lapsed",
  "follow_up_set",
  "follow_up_extended",
  "follow_through_owed",
  "claimed",
  "paper_batch",
  "paper_corrected",
  "paper_voided",
  "in_person",
  "in_person_voided",
];

/** The agency's steps the issue names, with what each says in English and in Korean. */
const AGENCY_STEPS: Record<string, { en: string; ko: string }> = {
  extended: { en: "Deadline extended (reason below)", ko: "기한 연장(사유는 아래)" },
  interim_reply: { en: "Interim reply from the agency", ko: "기관의 중간 답변" },
  answer_revised: { en: "Answer revised (reason below)", ko: "답변 수정(사유는 아래)" },
  transfer_proposed: { en: "The agency proposed that another agency is competent (reason below)", ko: "기관이 다른 기관을 소관 기관으로 보고 이관을 요청함(사유는 아래)" },
  transfer_accepted: { en: "The other agency accepted the transfer and now answers the idea", ko: "다른 기관이 이관을 수락하여 이제 이 제안에 답변함" },
  transfer_declined: { en: "The other agency declined the transfer; the idea returns to the proposing agency (reason below)", ko: "다른 기관이 이관을 거절하여 제안이 요청한 기관으로 돌아감(사유는 아래)" },
  transfer_lapsed: {
    en: "The other agency did not reply in time: the transfer lapsed; the idea stays with the proposing agency and its due date does not change",
    ko: "다른 기관이 기한 안에 답하지 않아 이관 요청이 소멸함: 제안은 요청한 기관에 남고 기한도 그대로임",
  },
  escalated: { en: "The answer is long overdue: escalated to the agency's supervising office", ko: "답변이 오래 지연되어 기관의 감독 부서로 넘어감" },
};

const DUE = "2027-01-15T03:00:00.000Z"; // 15 January 2027, noon in Korea
const REASON = "The regional offices need two more weeks to send their figures.";

/** A note as each kind writes it: a date, a figure, a name, a path, or someone's words. */
function noteFor(kind: string): string | null {
  if (["deadline_reset", "follow_up_set", "follow_through_owed"].includes(kind)) return DUE;
  if (["threshold_reached", "supports_invalidated", "supports_reinstated", "paper_batch"].includes(kind)) return "12";
  if (kind === "assigned") return "Officer Kim";
  if (kind === "progress") return "40%";
  if (kind === "merged_in") return "#5 A twin idea";
  if (kind === "meeting_discussed") return "/committees/economy/meetings/1";
  if (["submitted", "held", "edited", "claimed", "in_person", "escalated", "transfer_accepted", "transfer_lapsed", "vote_opened", "vote_extended", "vote_closed"].includes(kind)) return null;
  return REASON;
}

let t: TestDatabase;
let context: AppLoadContext;
let ideaId = 0;
let slug = "";

type Loader = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown;
async function get(loader: Loader, path: string): Promise<Response> {
  return (await loader({ request: new Request(`http://madang.test${path}`), context, params: {} })) as Response;
}

beforeAll(async () => {
  t = await openTestDatabase();
  context = { services: t.services, actor: null, locale: "en", clientIp: "127.0.0.1", nonce: "test" } as AppLoadContext;
  const author = await createUser(t.db, { createdAt: new Date(Date.now() - 200 * 86_400_000) });
  const campaign = await createCampaign(t.db, { threshold: 50, opensAt: new Date(Date.now() - 10 * 86_400_000) });
  slug = campaign.slug;
  ideaId = await createIdea(t.db, { author, campaignId: campaign.id, title: "Benches along the river path" });
  // One event of every other kind, a second apart, after the submission.
  const start = Date.now() + 1000;
  const others = EVERY_KIND.filter((k) => k !== "submitted");
  await t.db
    .insertInto("idea_events")
    .values(
      others.map((kind, i) => ({
        idea_id: ideaId,
        actor_id: null,
        kind,
        from_status: kind === "status" ? ("open" as const) : null,
        to_status: kind === "status" ? ("fast_tracked" as const) : null,
        note: noteFor(kind),
        created_at: new Date(start + i * 1000),
      })),
    )
    .execute();
}, 180_000);
afterAll(() => t?.close());

describe("the kinds of timeline event", () => {
  it("are exactly the hand-written list", () => {
    expect([...ALL_TIMELINE_KINDS].sort()).toEqual([...EVERY_KIND].sort());
  });
});

describe("the open data's events", () => {
  it("export every kind, with its kind and its label in Korean and English", async () => {
    const res = await get(eventsJson, `/api/v1/events?idea=${ideaId}&limit=1000`);
    expect(res.status).toBe(200);
    const rows = ((await res.json()) as { data: Record<string, string | number | null>[] }).data;
    expect(rows.map((r) => r.kind).sort()).toEqual([...EVERY_KIND].sort());
    for (const r of rows) {
      const kind = String(r.kind);
      expect(r.label_en, kind).toBeTruthy();
      expect(r.label_ko, kind).toMatch(/[가-힣]/);
      expect(String(r.label_en), kind).not.toMatch(/[가-힣]|\{\{|\.event\./);
      expect(String(r.label_ko), kind).not.toMatch(/\{\{|\.event\./);
      // Only a change of status reads as one.
      if (kind !== "status") expect(String(r.label_en), kind).not.toMatch(/^Status changed/);
    }
    const byKind = new Map(rows.map((r) => [String(r.kind), r]));
    for (const [kind, label] of Object.entries(AGENCY_STEPS)) {
      expect({ kind, en: byKind.get(kind)?.label_en, ko: byKind.get(kind)?.label_ko }).toEqual({ kind, en: label.en, ko: label.ko });
    }
    expect(byKind.get("extended")?.note).toBe(REASON);
    // Dates and figures are said in the label; the raw value stays in the note for scripts.
    expect(byKind.get("follow_up_set")).toMatchObject({ note: DUE, label_en: "Further study: a follow-up answer is due by 15 Jan 2027" });
    expect(byKind.get("follow_through_owed")?.label_ko).toContain("2027. 1. 15.");
    expect(byKind.get("assigned")?.label_en).toBe("Assigned to Officer Kim");
    expect(byKind.get("supports_invalidated")?.label_en).toBe("12 supports stopped counting after a moderator's review");
    expect(byKind.get("status")).toMatchObject({ from_status: "open", to_status: "fast_tracked", label_en: "Status changed: Open for support → Fast-tracked" });
  });

  it("filter by kind, and refuse a kind that does not exist", async () => {
    const res = await get(eventsJson, `/api/v1/events?idea=${ideaId}&kind=extended,transfer_proposed,follow_up_set`);
    const rows = ((await res.json()) as { data: { kind: string }[] }).data;
    expect(rows.map((r) => r.kind)).toEqual(["extended", "transfer_proposed", "follow_up_set"]);
    const bad = await get(eventsJson, "/api/v1/events?kind=extended,nope");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Unknown kind \\"nope\\"');
    // ?status= keeps its meaning: the moves into a status.
    const moves = ((await (await get(eventsJson, `/api/v1/events?idea=${ideaId}&status=fast_tracked`)).json()) as { data: { kind: string }[] }).data;
    expect(moves.map((r) => r.kind)).toEqual(["status"]);
  });

  it("the CSV carries the kind and both labels of every kind", async () => {
    const res = await get(eventsCsv, `/api/v1/events.csv?idea=${ideaId}&limit=1000`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,idea_id,idea_title,idea_url,from_status,to_status,note,created_at,kind,label_ko,label_en");
    expect(lines).toHaveLength(1 + EVERY_KIND.length);
    for (const kind of EVERY_KIND) expect(lines.some((l) => l.includes(`,${kind},`)), kind).toBe(true);
    expect(lines.find((l) => l.includes(",interim_reply,"))).toContain(",기관의 중간 답변,Interim reply from the agency");
  });
});

describe("the Atom feed", () => {
  it("has an entry for every kind, labelled in the feed's language", async () => {
    for (const lang of ["en", "ko"] as const) {
      const xml = await (await get(feed, `/feed.atom?campaign=${slug}&lang=${lang}`)).text();
      const categories = [...xml.matchAll(/<category term="([^"]+)"\/>/g)].map((m) => m[1]);
      const expected = EVERY_KIND.map((k) => (k === "submitted" ? "new-idea" : k === "status" ? "status-fast_tracked" : `event-${k}`));
      expect(categories.sort(), lang).toEqual(expected.sort());
      for (const [kind, label] of Object.entries(AGENCY_STEPS)) {
        expect(xml, `${lang} ${kind}`).toContain(`<title type="text">Benches along the river path: ${label[lang].replace(/'/g, "&apos;")}</title>`);
      }
    }
    const en = await (await get(feed, `/feed.atom?campaign=${slug}&lang=en`)).text();
    // The reason is the entry's content, after the label.
    expect(en).toContain(`<content type="text">Deadline extended (reason below)\n\n${REASON}</content>`);
  });
});
