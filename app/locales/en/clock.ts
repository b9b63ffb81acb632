// English messages: the business-day clock (holidays, reminders, escalation).
export default {
  clock: {
    escalatedTitle: "Escalated to your office",
    escalatedIntro: "Ideas your agency has not answered within the escalation period after their due date. Assign an officer on the idea's page, or answer.",
    escalatedNone: "Nothing is escalated to your office.",
  },
  holidays: {
    title: "Holidays",
    intro: "Deadlines count business days in Korea time: weekends and the days listed here do not count. A change applies to deadlines set from then on; due dates already set stay as they are.",
    year: "Year",
    show: "Show",
    listTitle: "Holidays in {{year}}",
    none: "No holidays are listed for {{year}}.",
    date: "Date",
    dateHint: "Year-month-day, for example 2027-05-13.",
    nameKo: "Name in Korean",
    nameEn: "Name in English",
    add: "Add holiday",
    addTitle: "Add a holiday",
    added: "The holiday is added.",
    removed: "The holiday is removed.",
    remove: "Remove",
    removeLabel: "Remove {{name}} ({{date}})",
    weekday: "Day",
    errors: {
      date: "Enter a calendar date as year-month-day, between 2000 and 2100.",
      exists: "That date is already a holiday.",
      name: "A name has at most 100 characters.",
    },
  },
};
