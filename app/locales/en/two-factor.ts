// Two-factor sign-in (/me/security, the sign-in page's second step; decision 047).
export default {
  twoFactor: {
    title: "Two-factor sign-in",
    intro: "Protect your account with a second step at sign-in: a six-digit code from an authenticator app on your phone. It is optional for citizens.",
    requiredForStaff: "Your account holds staff roles. They apply only once two-factor sign-in is on: until then you take part as a citizen.",
    on: "Two-factor sign-in is on (since {{date}}).",
    codesLeft_one: "{{count}} unused recovery code left.",
    codesLeft_other: "{{count}} unused recovery codes left.",
    code: "Code from the app, or a recovery code",
    codeHint: "Six digits, or a recovery code such as abcd-efgh-ijkl-mnop.",
    banner: "Your staff roles wait for two-factor sign-in: until you turn it on, you act as a citizen.",
    bannerLink: "Turn on two-factor sign-in",
    enrol: {
      step1: "Install an authenticator app (any app that supports TOTP codes).",
      step2: "Scan the QR code with it, or type the key below into it.",
      step3: "Enter the six-digit code the app shows.",
      qrLabel: "QR code for your authenticator app",
      secretLabel: "Key to type by hand:",
      secretHint: "The key is shown only on this page. Spaces do not matter.",
      code: "Six-digit code from the app",
      submit: "Turn on two-factor sign-in",
    },
    recovery: {
      title: "Your recovery codes",
      keep: "Keep these codes somewhere safe, away from your phone. Each works once, instead of a code from the app. They are shown only now.",
    },
    renew: {
      title: "New recovery codes",
      submit: "Make new recovery codes",
    },
    disable: {
      title: "Turn off two-factor sign-in",
      intro: "Staff roles stop applying while two-factor sign-in is off.",
      submit: "Turn off two-factor sign-in",
    },
    done: {
      enrolled: "Two-factor sign-in is on. Every other session of your account has ended.",
      renewed: "New recovery codes are ready; the old ones no longer work.",
      disabled: "Two-factor sign-in is off.",
    },
    signIn: {
      title: "Enter your sign-in code",
      intro: "Your password was right. Open your authenticator app and enter the code it shows for Madang, or use one of your recovery codes.",
      code: "Code from the app, or a recovery code",
      codeHint: "Six digits, or a recovery code such as abcd-efgh-ijkl-mnop.",
      submit: "Sign in",
      startOver: "Start again with the password",
    },
    errors: {
      wrongCode: "That code is not right, or it was used already. Enter the code the app shows now.",
      secretChanged: "The key on the page was changed. Scan the new QR code and try again.",
      alreadyEnrolled: "Two-factor sign-in is on already.",
      notEnrolled: "Two-factor sign-in is not on.",
      challengeExpired: "Sign-in took too long. Enter your e-mail and password again.",
      tooManyCodes: "Too many wrong codes. Enter your e-mail and password again.",
    },
  },
};
