import "./skip-link.css";

/**
 * The first focusable element of every page: jumps past the header to the main content.
 * It moves focus itself because the app router would otherwise swallow the #fragment
 * click and leave keyboard focus in the header.
 */
export function SkipLink(props: { target: string; label?: string }) {
  const jump = (event: MouseEvent) => {
    const target = document.getElementById(props.target);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView();
  };
  return (
    <a href={`#${props.target}`} class="ds-skip-link" on:click={jump}>
      {props.label ?? "Skip to main content"}
    </a>
  );
}
