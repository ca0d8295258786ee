import { For } from "solid-js";
import { Icon } from "~kit/design-system/icons/Icon";
import { FEATURES } from "./features";
import "./features.css";

export function Features() {
  return (
    <section id="features" class="landing-section" aria-labelledby="features-title">
      <div class="ds-container">
        <header class="landing-section__header">
          <h2 id="features-title">Everything you need to land the interview</h2>
          <p class="ds-muted">From the first draft to the application you send.</p>
        </header>
        <ul class="features">
          <For each={FEATURES}>
            {(feature) => (
              <li class="feature">
                <span class="feature__icon">
                  <Icon name={feature.icon} />
                </span>
                <h3 class="feature__title">{feature.title}</h3>
                <p class="feature__text">{feature.text}</p>
              </li>
            )}
          </For>
        </ul>
      </div>
    </section>
  );
}
