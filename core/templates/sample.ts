import type { ResumeData } from "../resume/schema";

/**
 * The invented person every template preview shows (the editor's gallery thumbnails):
 * enough of each common section to show how a template lays out a real one-page resume,
 * no photo (the portrait template then shows initials) and nothing that links anywhere
 * but example.com.
 */
export const SAMPLE_RESUME: ResumeData = {
  basics: {
    name: "Maya Okafor",
    label: "Senior Product Designer",
    email: "maya.okafor@example.com",
    phone: "+44 20 7946 0958",
    url: "https://maya.example.com",
    summary:
      "Product designer with nine years of turning research into **shipped, measurable** improvements. I lead discovery, prototype quickly and stay with a feature until the numbers move.",
    location: { city: "London", countryCode: "GB" },
    profiles: [
      { network: "LinkedIn", username: "mayaokafor", url: "https://www.example.com/in/mayaokafor" },
      { network: "Dribbble", username: "maya", url: "https://www.example.com/maya" },
    ],
  },
  work: [
    {
      name: "Northwind Health",
      position: "Senior Product Designer",
      location: "London",
      startDate: "2021-03",
      summary: "Own the patient app's booking and messaging journeys (1.2 M monthly users).",
      highlights: [
        "Redesigned appointment booking; completion rose from 61 % to 83 % in two quarters",
        "Built the shared design system with engineering, cutting new-screen build time by 40 %",
        "Mentor three designers and run the monthly research read-out",
      ],
    },
    {
      name: "Fabrikam Travel",
      position: "Product Designer",
      location: "Manchester",
      startDate: "2017-06",
      endDate: "2021-02",
      highlights: [
        "Led the mobile checkout rebuild, reducing abandonment by 18 %",
        "Introduced weekly usability testing with five customers per sprint",
      ],
    },
    {
      name: "Contoso Studio",
      position: "Junior Designer",
      startDate: "2015-09",
      endDate: "2017-05",
      highlights: ["Designed marketing sites and onboarding flows for twelve clients"],
    },
  ],
  education: [
    {
      institution: "University of Leeds",
      studyType: "BA",
      area: "Graphic and Communication Design",
      startDate: "2012",
      endDate: "2015",
      score: "First-class honours",
    },
  ],
  skills: [
    { name: "Design", keywords: ["Interaction design", "Prototyping", "Design systems"] },
    { name: "Research", keywords: ["Usability testing", "Interviews", "Journey mapping"] },
    { name: "Tools", keywords: ["Figma", "Framer", "HTML & CSS"] },
  ],
  languages: [
    { language: "English", fluency: "Native" },
    { language: "French", fluency: "Professional" },
  ],
  projects: [
    {
      name: "Open Booking Patterns",
      description: "A free pattern library for accessible appointment booking, used by 30 teams.",
      url: "https://patterns.example.com",
    },
  ],
  certificates: [{ name: "Certified Usability Analyst", issuer: "HFI", date: "2019" }],
};
