import { APP_NAME } from "~/layout/UserLayout";
import { usePageTitle } from "~kit/design-system/layout/usePageTitle";
import { Features } from "../landing/Features";
import { Hero } from "../landing/Hero";
import { Plans } from "../landing/Plans";

export default function LandingPage() {
  usePageTitle(() => "ATS-friendly resumes with live preview", APP_NAME);
  return (
    <>
      <Hero />
      <Features />
      <Plans />
    </>
  );
}
