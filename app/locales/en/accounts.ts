// English messages: accounts.
export default {
  join: {
    title: "Join Madang",
    intro: "With an account you can propose ideas, support them and comment.",
    email: "E-mail address",
    displayName: "Display name",
    displayNameHint: "Shown next to your ideas and comments. 2 to 40 characters.",
    password: "Password",
    passwordHint: "At least 12 characters. Avoid common passwords.",
    submit: "Create account",
    haveAccount: "Already have an account?",
    checkMailTitle: "Check your e-mail",
    checkMail:
      "We sent a link to {{email}}. Open it to confirm your address; until then you can sign in and read, but not take part.",
  },
  login: {
    title: "Log in",
    email: "E-mail address",
    password: "Password",
    submit: "Log in",
    forgot: "Forgot your password?",
    noAccount: "New to Madang?",
  },
  logout: {
    title: "Log out",
    confirm: "Log out of Madang?",
    submit: "Log out",
  },
  verify: {
    title: "Confirm your e-mail",
    done: "Thank you. Your e-mail address is confirmed and you can now take part.",
    failed: "This link is not valid any more. Links last 48 hours and work once.",
    banner: "Confirm your e-mail address to propose, support and comment.",
    resend: "Send the link again",
    resent: "A new link is on its way to {{email}}.",
  },
  reset: {
    title: "Reset your password",
    requestIntro: "Enter the e-mail address of your account and we will send you a link to choose a new password.",
    email: "E-mail address",
    requestSubmit: "Send link",
    requested:
      "If an account uses {{email}}, a link to reset its password is on its way. The link lasts one hour.",
    newPassword: "New password",
    submit: "Set new password",
    done: "Your password has been changed and you are signed in. Other sessions were signed out.",
    invalid: "This reset link is not valid any more. Links last one hour and work once.",
    requestAgain: "Ask for a new link",
  },
  mail: {
    greeting: "Hello {{name}},",
    signature: "— Madang",
    verify: {
      subject: "Confirm your e-mail address for Madang",
      body: "Please confirm your e-mail address by opening this link (valid for 48 hours):",
    },
    reset: {
      subject: "Reset your Madang password",
      body: "Someone asked to reset the password of your Madang account. If it was you, open this link (valid for one hour):",
      ignore: "If it was not you, ignore this message: your password stays as it is.",
    },
  },
  me: {
    title: "My page",
    account: "Account",
    email: "E-mail",
    roles: "Roles",
  },
  devMail: {
    title: "Outgoing e-mail (development)",
    intro: "Without SMTP_URL, e-mail stays in the outbox and can be read here. This page does not exist in production.",
    empty: "No e-mail yet.",
    to: "To",
    subject: "Subject",
    sentAt: "Created",
    open: "Open",
  },
};
