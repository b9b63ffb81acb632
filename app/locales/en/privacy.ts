// English messages: privacy rights (/me/data, /me/delete, /me/security) and the notices around them.
export default {
  privacy: {
    formerMember: "a former member",
    settingsLinks: "Your data and your account",
    data: {
      title: "Your data",
      intro: "Download everything Madang holds about you as one file (JSON): your account, ideas, supports, follows, comments and posts, flags you made, notifications, sessions, e-mails sent to you, and staff actions about your account.",
      notOthers: "The file holds nothing about other people: not who supported or flagged your ideas, and not which staff member acted on your account.",
      holds: "What the file holds now",
      download: "Download my data (JSON)",
      count: {
        ideas: "Ideas",
        supports: "Supports",
        follows: "Ideas followed",
        posts: "Comments and posts",
        flags: "Flags you made",
        notifications: "Notifications",
        sessions: "Active sessions",
        emails: "E-mails sent to you",
        audit: "Staff actions about your account",
      },
    },
    delete: {
      title: "Leave Madang",
      intro: "Leaving deletes your personal data. It cannot be undone.",
      whatHappens: "What happens",
      nameGoes: "Your name becomes “a former member” everywhere, and your e-mail address is erased. You can no longer sign in, and every session ends.",
      supportsStay: "Your supports keep counting toward each idea's total, but nothing links them to you any more.",
      ideasStay: "Your ideas stay, under “a former member”, because other people supported them.",
      postsChoice: "Your comments and posts stay, under “a former member”, unless you choose to withdraw them below.",
      exportFirst: "You may want to download your data first.",
      password: "Your password",
      passwordHint: "To make sure it is you.",
      withdrawPosts: "Withdraw my comments and posts too (each shows “withdrawn by the author”)",
      submit: "Delete my account",
      doneTitle: "Your account is deleted",
      done: "Your personal data has been erased. Thank you for taking part.",
      home: "Go to the home page",
    },
    errors: {
      wrongPassword: "That is not your password.",
      staffMustStepDown: "Staff accounts cannot be deleted here: ask an administrator to remove your roles first.",
      alreadyDeleted: "This account is already deleted.",
    },
    mail: {
      passwordChanged: {
        subject: "Your Madang password was changed",
        body: "The password of your Madang account was just changed, and every session was signed out.",
        notYou: "If it was not you, secure your account now by choosing a new password here:",
      },
    },
  },
};
