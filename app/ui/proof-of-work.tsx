// The sign-up proof-of-work in the page (decision 048): the browser solves the challenge as soon
// as the page runs, says in a live region what it is doing, and puts the answer in a hidden field.
// Until the page runs (no JavaScript) the field is not there at all, which is how the server
// knows to apply the stricter no-JavaScript limits instead.
import { useRevalidator, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "~/ui/translation";
import { CHALLENGE_FIELD, solveSignupChallenge, type SignupChallenge } from "~/domain/accounts/signup-challenge";

type Status = "idle" | "solving" | "done" | "failed";

/**
 * Solves `challenge` and returns what the form needs: the hidden field and status line to
 * render, and an onSubmit that holds the form back until the answer is there (then sends it).
 */
export function useProofOfWork(challenge: SignupChallenge) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const revalidator = useRevalidator();
  const [state, setState] = useState<{ status: Status; payload: string }>({ status: "idle", payload: "" });
  const [waiting, setWaiting] = useState<HTMLFormElement | null>(null);
  const signature = challenge.signature;

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "solving", payload: "" });
    solveSignupChallenge(challenge, { signal: controller.signal })
      .then((payload) => !controller.signal.aborted && setState(payload ? { status: "done", payload } : { status: "failed", payload: "" }))
      // No Web Crypto here (an old browser, or a page not served over HTTPS): the no-JavaScript path.
      .catch(() => !controller.signal.aborted && setState({ status: "failed", payload: "" }));
    // A fresh challenge a minute before this one expires, for a form left open a long time.
    const expiresAt = challenge.parameters.expiresAt;
    const renew = expiresAt ? setTimeout(() => revalidator.revalidate(), Math.max(0, expiresAt * 1000 - Date.now() - 60_000)) : undefined;
    return () => {
      controller.abort();
      clearTimeout(renew);
    };
    // One run per challenge: a new one (after each answer from the server) has a new signature.
  }, [signature]);

  // The form was sent while solving: send it now that the answer is in the hidden field.
  useEffect(() => {
    if (waiting && state.status !== "solving") {
      setWaiting(null);
      submit(waiting);
    }
  }, [waiting, state.status, submit]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (state.status !== "solving") return;
    event.preventDefault();
    setWaiting(event.currentTarget);
  }

  // Until the page runs (and for good without JavaScript) the line says what that path means.
  const message = { idle: t("join.check.noScript"), solving: waiting ? t("join.check.waiting") : t("join.check.solving"), done: t("join.check.done"), failed: t("join.check.failed") }[state.status];
  const fields = (
    <>
      {/* Without an answer the field is left out, so that a browser that cannot solve is treated as one without JavaScript. */}
      {state.status === "solving" || state.status === "done" ? <input type="hidden" name={CHALLENGE_FIELD} value={state.payload} /> : null}
      <p role="status" className="hint proof-of-work">
        {message}
      </p>
    </>
  );
  return { fields, onSubmit, solving: state.status === "solving" };
}
