import { buttonClass } from "~kit/design-system/components/Button";
import "./hero.css";

export function Hero() {
  return (
    <section class="hero" aria-labelledby="hero-title">
      <div class="ds-container hero__grid">
        <div class="hero__copy">
          <p class="hero__eyebrow">Resume builder</p>
          <h1 id="hero-title" class="hero__title">
            A resume that gets past the filters and in front of people
          </h1>
          <p class="hero__lead">
            Write with a live preview, pick an ATS-friendly template, get help phrasing your
            experience, and export a PDF that looks exactly like what you designed.
          </p>
          <div class="ds-cluster">
            <a href="/register" class={buttonClass("primary", "lg")}>
              Sign up free
            </a>
            {/* target: let the browser handle the in-page jump (and move focus with it) */}
            <a href="#pricing" target="_self" class={buttonClass("outline", "lg")}>
              See plans
            </a>
            <a href="#features" target="_self" class={buttonClass("outline", "lg")}>
              Explore features
            </a>
          </div>
        </div>
        <ResumeIllustration />
      </div>
    </section>
  );
}

/** A stylised page with a header and sections; decoration only. */
function ResumeIllustration() {
  return (
    <div class="hero__art" aria-hidden="true">
      <div class="hero__page">
        <div class="hero__page-head">
          <span class="hero__avatar" />
          <span class="hero__line hero__line--title" />
          <span class="hero__line hero__line--sub" />
        </div>
        <div class="hero__section">
          <span class="hero__line hero__line--heading" />
          <span class="hero__line" />
          <span class="hero__line" />
          <span class="hero__line hero__line--short" />
        </div>
        <div class="hero__section">
          <span class="hero__line hero__line--heading" />
          <span class="hero__line" />
          <span class="hero__line" />
          <span class="hero__line hero__line--short" />
        </div>
        <div class="hero__section">
          <span class="hero__line hero__line--heading" />
          <span class="hero__line" />
          <span class="hero__line hero__line--short" />
        </div>
        <div class="hero__chips">
          <span class="hero__chip" />
          <span class="hero__chip" />
          <span class="hero__chip" />
        </div>
      </div>
      <div class="hero__badge">
        <span class="hero__badge-dot" />
        <span class="hero__line hero__line--badge" />
      </div>
    </div>
  );
}
