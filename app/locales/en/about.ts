// English messages: the About page (a static page, also the benchmark's no-database baseline).
export default {
  about: {
    title: "About Madang",
    lead: "Madang — the village yard where people gather — is a public forum where citizens propose ideas for policy, support each other's, and follow every idea to its answer.",
    howTitle: "How it works",
    step1: "Anyone with a verified account can propose an idea and support others.",
    step2: "An idea that gathers enough support before its deadline is fast-tracked to a sub-committee, which deliberates in public.",
    step3: "The committee's recommendation goes to the ministry or local government, which must answer within a deadline.",
    openTitle: "Open by design",
    open: "Every step is timed and public, the data is open, and who supported what is never shown. Madang is open-source software.",
  },
};
