// A line of facts about something ("서울 · 2027. 1. 21. 마감 · 공감 5개면 패스트트랙"): each item
// is followed by a real separator, so that copied text and a screen reader's reading keep the
// items apart, not only the gaps on screen ("open for supportby Alex Morgan").
import { Children, Fragment } from "react";

export function MetaLine({ children, as: Tag = "p", className = "card-meta" }: { children: React.ReactNode; as?: "p" | "span"; className?: string }) {
  const items = Children.toArray(children);
  return (
    <Tag className={className}>
      {items.map((item, i) => (
        <Fragment key={i}>
          {i > 0 ? <span className="sep"> · </span> : null}
          {item}
        </Fragment>
      ))}
    </Tag>
  );
}
