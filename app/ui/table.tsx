// A table that may be wider than a phone's screen: it scrolls sideways in a box that keyboard
// users can reach (a named region, focusable), with shadows at the edges that hide columns (CSS)
// and, once a script has measured it, a line that says there is more.
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "~/ui/translation";

export function ScrollTable({ label, children }: { label: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const [more, setMore] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setMore(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <>
      <p className="scroll-hint" id={hintId} hidden={!more}>
        {t("tables.scrollHint")}
      </p>
      <div ref={box} className="table-scroll" role="region" aria-label={label} aria-describedby={more ? hintId : undefined} tabIndex={0}>
        {children}
      </div>
    </>
  );
}
