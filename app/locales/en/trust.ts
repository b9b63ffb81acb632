// Changing the e-mail address, taking an account back, an admin's reset of two-factor sign-in,
// revoking an identity verification (issue 17; decisions 056, 057).
export default {
  trust: {
    email: {
      title: "E-mail address",
      current: "Your account's address: {{email}}",
      intro: "To move your account to another address, give the new address and your password. A link goes to the new address; the change happens when you open it. Your current address is told, with a way to undo it.",
      newAddress: "New e-mail address",
      submit: "Send the confirmation link",
      sent: "A confirmation link is on its way to {{email}}. Open it within 24 hours to make the change.",
      confirmTitle: "Confirm your new e-mail address",
      confirmDescription: "Confirm the new e-mail address of your Madang account from the link we sent to it.",
      changed: "Done: your account's address is now {{email}}. Your previous address was told about the change.",
      linkFailed: "This link does not work: it was used already, it is more than 24 hours old, a newer one was sent, or the address is taken. Ask again from Sessions and security.",
      errors: {
        same: "That is already your account's address.",
      },
    },
    secure: {
      title: "Take back your account",
      description: "Undo a change of your Madang account's e-mail address that you did not make, and choose a new password.",
      intro: "Someone changed your Madang account's e-mail address. If it was not you, take your account back now:",
      addressBack: "the account's address becomes this one again;",
      signedOut: "every session is signed out and remembered browsers are forgotten;",
      twoFactor: "two-factor sign-in turned on since the change is turned off;",
      newPassword: "you choose a new password on the next page.",
      submit: "Take back my account",
      linkFailed: "This link does not work: it was used already or is more than a week old. If you still cannot sign in, ask the operator for help.",
    },
    mail: {
      ignore: "If you did not ask for this, ignore this e-mail: nothing changes.",
      confirm: {
        subject: "Confirm your new Madang e-mail address",
        body: "Someone (we hope you) asked to move a Madang account to this address. Open this link to confirm it:",
        expires: "The link works once, for 24 hours.",
      },
      taken: {
        subject: "Someone tried to move a Madang account to your address",
        body: "Someone asked to move another Madang account to this address. This address already has an account, so nothing was changed.",
      },
      changed: {
        subject: "Your Madang e-mail address was changed",
        body: "The e-mail address of your Madang account was just changed to {{address}}. Mail for the account now goes there.",
        notYou: "If it was not you, take your account back here (it signs everyone out and lets you choose a new password):",
        expires: "This link works once, for a week.",
      },
      twoFactorReset: {
        subject: "Two-factor sign-in was reset on your Madang account",
        body: "An administrator turned off two-factor sign-in on your account, as asked (for example after a lost phone), and signed out every session. The reason given: {{reason}}",
        enrol: "Turn it on again, with your new phone, here. Staff roles apply again only once it is on:",
        notYou: "If you did not ask for this, tell the operator and choose a new password:",
      },
      revoked: {
        subject: "Your identity verification on Madang was revoked",
        body: "A staff member revoked your account's identity verification. The reason given: {{reason}}",
        supports: "Your supports given before stay counted at the level you had then. New supports count at your account's level now.",
        again: "You can verify again here:",
      },
    },
    twoFactorReset: {
      title: "Two-factor sign-in",
      on: "On since {{date}}.",
      off: "Off.",
      intro: "If the person lost their phone and their recovery codes, reset it: two-factor sign-in is turned off, their sessions end and they are told by e-mail. Staff roles wait until they turn it on again. Check who is asking first.",
      reason: "Reason (kept in the audit log and sent to the person)",
      submit: "Reset two-factor sign-in",
      done: "Two-factor sign-in was reset. The person was told by e-mail.",
      errors: {
        notEnrolled: "This account does not use two-factor sign-in.",
        notYourself: "You cannot reset your own: turn it off at Sessions and security.",
      },
    },
    revoke: {
      title: "Revoke a verification",
      intro: "Revoke an identity or in-person verification given in error or by fraud. The account falls back to the e-mail level at once; the person is told by e-mail, with the reason.",
      supportsKept: "Supports given before the revocation keep the level recorded when they were given: the verified counts of ideas do not change.",
      email: "The account's e-mail address",
      reason: "Reason (kept in the audit log and sent to the person)",
      submit: "Revoke the verification",
      done: "The verification was revoked. The person was told by e-mail.",
      revokedOn: "Revoked on {{date}}: {{reason}}",
      errors: {
        noVerification: "This account has no current verification.",
      },
    },
  },
};
