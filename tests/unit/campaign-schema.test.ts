import { describe, expect, it } from "vitest";
import { CampaignSchema, campaignFormValues } from "../../app/domain/campaigns/schemas";
import { zodErrors } from "../../app/utils/result";

const valid = {
  slug: "housing-2026",
  titleKo: "  주거 \t 정책  ",
  titleEn: "Housing",
  descriptionKo: "**청년** 주거\r\n\r\n- 하나",
  descriptionEn: "",
  categoryId: "",
  regionId: "11",
  committeeId: "",
  opensAt: "2026-03-01T09:00",
  closesAt: "2026-03-31T18:00",
  supportThreshold: "500",
  supportWindowDays: "",
};

function errorsOf(input: Record<string, unknown>) {
  const parsed = CampaignSchema.safeParse(input);
  return parsed.success ? {} : zodErrors(parsed.error);
}

describe("the campaign form", () => {
  it("accepts a valid call and normalises it", () => {
    const c = CampaignSchema.parse(valid);
    expect(c).toMatchObject({
      slug: "housing-2026",
      titleKo: "주거 정책",
      titleEn: "Housing",
      descriptionKo: "**청년** 주거\n\n- 하나",
      descriptionEn: "",
      categoryId: null,
      regionId: 11,
      committeeId: null,
      supportThreshold: 500,
      supportWindowDays: 30,
    });
  });

  it("keeps the optional fields optional and a window that is given", () => {
    const { descriptionKo: _k, descriptionEn: _e, categoryId: _c, regionId: _r, committeeId: _m, ...required } = valid;
    const c = CampaignSchema.parse({ ...required, supportWindowDays: "14", categoryId: "3", committeeId: "2" });
    expect(c).toMatchObject({ descriptionKo: "", categoryId: 3, regionId: null, committeeId: 2, supportWindowDays: 14 });
  });

  it.each([
    ["slug", "errors.required", ""],
    ["slug", "adminCampaigns.errors.slug", "ab"],
    ["slug", "adminCampaigns.errors.slug", "a".repeat(61)],
    ["slug", "adminCampaigns.errors.slug", "Housing"],
    ["slug", "adminCampaigns.errors.slug", "housing--2026"],
    ["slug", "adminCampaigns.errors.slug", "-housing"],
    ["slug", "adminCampaigns.errors.slug", "주거-2026"],
    ["titleKo", "errors.required", "   "],
    ["titleKo", "adminCampaigns.errors.text", "가".repeat(201)],
    ["titleEn", "errors.required", ""],
    ["titleEn", "adminCampaigns.errors.text", "x".repeat(201)],
    ["descriptionKo", "adminCampaigns.errors.description", "가".repeat(5001)],
    ["descriptionEn", "adminCampaigns.errors.description", "x".repeat(5001)],
    ["categoryId", "errors.invalidChoice", "abc"],
    ["regionId", "errors.invalidChoice", "-1"],
    ["committeeId", "errors.invalidChoice", "1.5"],
    ["opensAt", "errors.required", ""],
    ["opensAt", "adminCampaigns.errors.date", "yesterday"],
    ["opensAt", "adminCampaigns.errors.date", "2026-02-30T09:00"],
    ["closesAt", "adminCampaigns.errors.date", "2026-03-31T24:00"],
    ["supportThreshold", "errors.required", ""],
    ["supportThreshold", "adminCampaigns.errors.threshold", "0"],
    ["supportThreshold", "adminCampaigns.errors.threshold", "10000001"],
    ["supportThreshold", "adminCampaigns.errors.threshold", "1.5"],
    ["supportThreshold", "adminCampaigns.errors.threshold", "1e3"],
    ["supportThreshold", "adminCampaigns.errors.threshold", "-5"],
    ["supportWindowDays", "adminCampaigns.errors.windowDays", "0"],
    ["supportWindowDays", "adminCampaigns.errors.windowDays", "366"],
    ["supportWindowDays", "adminCampaigns.errors.windowDays", "thirty"],
  ])("%s → %s (case %#)", (field, key, value) => {
    expect(errorsOf({ ...valid, [field]: value })).toEqual({ [field]: [expect.objectContaining({ key })] });
  });

  it("accepts the limits themselves", () => {
    const c = CampaignSchema.parse({
      ...valid,
      slug: "a".repeat(60),
      titleEn: "x".repeat(200),
      descriptionEn: "x".repeat(5000),
      supportThreshold: "10000000",
      supportWindowDays: "365",
    });
    expect(c.supportThreshold).toBe(10_000_000);
    expect(errorsOf({ ...valid, slug: "abc", supportThreshold: "1", supportWindowDays: "1" })).toEqual({});
  });

  it("needs the closing time after the opening time, reported on the closing field", () => {
    expect(errorsOf({ ...valid, closesAt: valid.opensAt })).toEqual({ closesAt: [{ key: "adminCampaigns.errors.dates" }] });
    expect(errorsOf({ ...valid, closesAt: "2026-02-28T09:00" })).toEqual({ closesAt: [{ key: "adminCampaigns.errors.dates" }] });
    expect(errorsOf({ ...valid, closesAt: "2026-03-01T09:01" })).toEqual({});
  });

  it("reports the dates' order together with other errors, but not on top of an unreadable date", () => {
    expect(errorsOf({ ...valid, slug: "", titleEn: "", closesAt: "2026-01-01T00:00" })).toEqual({
      slug: [{ key: "errors.required" }],
      titleEn: [{ key: "errors.required" }],
      closesAt: [{ key: "adminCampaigns.errors.dates" }],
    });
    expect(errorsOf({ ...valid, opensAt: "nonsense", closesAt: "2026-01-01T00:00" })).toEqual({
      opensAt: [{ key: "adminCampaigns.errors.date" }],
    });
  });

  it("treats a missing form as errors on the fields, not a crash", () => {
    const errors = errorsOf({});
    expect(Object.keys(errors).sort()).toEqual(["closesAt", "opensAt", "slug", "supportThreshold", "titleEn", "titleKo"]);
  });
});

describe("the campaign's times", () => {
  it("reads the opening typed in Korea time (UTC+9) as its instant", () => {
    expect(CampaignSchema.parse(valid).opensAt.toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });

  it("fills the edit form from a stored campaign", () => {
    const values = campaignFormValues({
      slug: "s-1",
      title_ko: "가",
      title_en: "A",
      description_ko: "",
      description_en: "",
      category_id: null,
      region_id: 3,
      committee_id: null,
      opens_at: new Date("2026-03-01T00:00:00Z"),
      closes_at: new Date("2026-03-31T09:00:00Z"),
      support_threshold: 100,
      support_window_days: 30,
      paper_supports: "counted",
      propose_level: 1,
      support_level: 2,
      eligible_region_id: null,
      min_age: 19,
      verified_threshold: true,
    });
    expect(values).toMatchObject({ regionId: "3", categoryId: "", opensAt: "2026-03-01T09:00", closesAt: "2026-03-31T18:00", paperSupports: "counted" });
    expect(values).toMatchObject({ proposeLevel: "1", supportLevel: "2", eligibleRegionId: "", minAge: "19", verifiedThreshold: "on" });
    const parsed = CampaignSchema.safeParse(values);
    expect(parsed.success && parsed.data).toMatchObject({ proposeLevel: 1, supportLevel: 2, eligibleRegionId: null, minAge: 19, verifiedThreshold: true });
  });

  it("takes who may take part: levels 1 to 3, an optional age from 1 to 120; e-mail and no limits when not given", () => {
    const base = campaignFormValues({
      slug: "s-2", title_ko: "가", title_en: "A", description_ko: "", description_en: "", category_id: null, region_id: null, committee_id: null,
      opens_at: new Date("2026-03-01T00:00:00Z"), closes_at: new Date("2026-03-31T09:00:00Z"), support_threshold: 100, support_window_days: 30,
      paper_supports: "not_counted", propose_level: 1, support_level: 1, eligible_region_id: null, min_age: null, verified_threshold: false,
    });
    const { proposeLevel: _p, supportLevel: _s, minAge: _m, verifiedThreshold: _v, ...without } = base;
    const parsed = CampaignSchema.safeParse(without);
    expect(parsed.success && parsed.data).toMatchObject({ proposeLevel: 1, supportLevel: 1, minAge: null, verifiedThreshold: false });
    for (const bad of [{ supportLevel: "4" }, { proposeLevel: "0" }, { minAge: "0" }, { minAge: "121" }, { minAge: "1e2" }, { minAge: "-5" }]) {
      expect(CampaignSchema.safeParse({ ...base, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
