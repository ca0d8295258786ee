/**
 * Built-in suggestions from a role name or a job description: the skills it asks for,
 * achievement-shaped bullets with gaps for the person's own numbers, and a summary. Rules,
 * not a model: used when Workers AI is not bound, and labelled as such.
 */

interface RoleFamily {
  id: string;
  /** Words in a role title or description that point to this family. */
  signals: RegExp;
  skills: string[];
  bullets: string[];
  strength: string;
}

const FAMILIES: RoleFamily[] = [
  {
    id: "software",
    signals:
      /\b(software|developer|engineer(ing)?|programmer|full[- ]?stack|back[- ]?end|front[- ]?end|web)\b/i,
    skills: [
      "TypeScript",
      "JavaScript",
      "Python",
      "SQL",
      "REST APIs",
      "Git",
      "Testing",
      "CI/CD",
      "Cloud infrastructure",
      "System design",
    ],
    bullets: [
      "Built {skill} services handling [N] requests per day with [N]% uptime",
      "Reduced page load time by [N]% by profiling and removing render-blocking work",
      "Cut release time from [N] days to [N] hours by automating the CI/CD pipeline",
      "Led the migration of [system] to {skill}, retiring [N] legacy components",
      "Mentored [N] engineers through code review and pairing",
    ],
    strength: "shipping reliable software and improving how teams deliver it",
  },
  {
    id: "data",
    signals: /\b(data|analyst|analytics|machine learning|ml|scientist|bi|statistic)/i,
    skills: [
      "SQL",
      "Python",
      "Statistics",
      "Data visualisation",
      "Machine learning",
      "A/B testing",
      "dbt",
      "Spark",
      "Tableau",
      "Experiment design",
    ],
    bullets: [
      "Built {skill} models that improved [metric] by [N]%",
      "Designed dashboards used weekly by [N] stakeholders to track [metric]",
      "Ran [N] A/B tests that lifted conversion by [N]%",
      "Automated a [N]-hour weekly report into a self-serve {skill} pipeline",
    ],
    strength: "turning data into decisions people act on",
  },
  {
    id: "product",
    signals: /\b(product (manager|owner|lead)|pm\b|roadmap)/i,
    skills: [
      "Product strategy",
      "Roadmapping",
      "User research",
      "Prioritisation",
      "Analytics",
      "Stakeholder management",
      "Agile",
      "Experimentation",
    ],
    bullets: [
      "Launched [feature], reaching [N] users and [N]% adoption in [N] months",
      "Grew [metric] by [N]% by reprioritising the roadmap around user research",
      "Aligned [N] teams on a quarterly roadmap through {skill}",
    ],
    strength: "finding what users need and getting it shipped",
  },
  {
    id: "design",
    signals: /\b(design(er)?|ux|ui|visual|graphic)\b/i,
    skills: [
      "User research",
      "Figma",
      "Prototyping",
      "Interaction design",
      "Design systems",
      "Accessibility",
      "Usability testing",
      "Visual design",
    ],
    bullets: [
      "Redesigned [flow], raising task completion by [N]% in usability tests",
      "Built a design system of [N] components adopted by [N] product teams",
      "Ran [N] usability studies that reshaped the [product] roadmap",
    ],
    strength: "clear, accessible design grounded in research",
  },
  {
    id: "sales-marketing",
    signals:
      /\b(sales|account (executive|manager)|marketing|growth|seo|content|brand|business development)\b/i,
    skills: [
      "Pipeline management",
      "CRM",
      "Negotiation",
      "Campaign management",
      "SEO",
      "Content strategy",
      "Analytics",
      "Lead generation",
    ],
    bullets: [
      "Closed $[N] in new business, [N]% above quota",
      "Grew qualified leads by [N]% with a {skill} programme",
      "Launched [N] campaigns with a [N]% higher conversion rate than baseline",
    ],
    strength: "growing revenue with a clear, measurable approach",
  },
  {
    id: "operations",
    signals: /\b(project|program(me)?|operations|coordinator|manager|administrat|logistics)\b/i,
    skills: [
      "Project management",
      "Budgeting",
      "Stakeholder management",
      "Process improvement",
      "Risk management",
      "Scheduling",
      "Reporting",
      "Vendor management",
    ],
    bullets: [
      "Delivered [N] projects on time and [N]% under budget",
      "Cut processing time by [N]% by redesigning the [process] workflow",
      "Managed a $[N] budget across [N] vendors",
    ],
    strength: "keeping complex work on time, on budget and well understood",
  },
  {
    id: "care-education",
    signals: /\b(nurse|nursing|care|clinic|patient|teacher|teaching|tutor|educat|school)\b/i,
    skills: [
      "Patient care",
      "Communication",
      "Safeguarding",
      "Lesson planning",
      "Record keeping",
      "Team work",
      "Empathy",
      "Time management",
    ],
    bullets: [
      "Cared for [N] patients per shift with [N]% positive feedback",
      "Raised pass rates by [N]% by redesigning the [subject] curriculum",
      "Trained [N] new colleagues on [procedure]",
    ],
    strength: "calm, dependable care for the people who rely on me",
  },
  {
    id: "support",
    signals: /\b(support|customer (service|success)|help ?desk|service desk)\b/i,
    skills: [
      "Customer communication",
      "Ticketing systems",
      "Troubleshooting",
      "De-escalation",
      "Knowledge bases",
      "SLA management",
    ],
    bullets: [
      "Resolved [N] tickets a week with a [N]% satisfaction score",
      "Cut first-response time from [N] hours to [N] minutes",
      "Wrote [N] knowledge-base articles that reduced repeat tickets by [N]%",
    ],
    strength: "solving customers' problems quickly and kindly",
  },
];

/** Skills recognised in job descriptions, with the spelling to show. */
const KNOWN_SKILLS = [
  "TypeScript",
  "JavaScript",
  "Python",
  "Java",
  "Go",
  "Rust",
  "C#",
  "C++",
  "Ruby",
  "PHP",
  "Kotlin",
  "Swift",
  "SQL",
  "PostgreSQL",
  "MySQL",
  "MongoDB",
  "Redis",
  "GraphQL",
  "REST",
  "React",
  "Vue",
  "Angular",
  "Svelte",
  "Solid",
  "Node.js",
  "Django",
  "Rails",
  "Spring",
  ".NET",
  "AWS",
  "Azure",
  "GCP",
  "Cloudflare",
  "Docker",
  "Kubernetes",
  "Terraform",
  "CI/CD",
  "Git",
  "Linux",
  "Spark",
  "Kafka",
  "Airflow",
  "dbt",
  "Tableau",
  "Power BI",
  "Excel",
  "Figma",
  "Sketch",
  "Jira",
  "Salesforce",
  "HubSpot",
  "SEO",
  "Machine learning",
  "Statistics",
  "A/B testing",
  "Agile",
  "Scrum",
  "Accessibility",
  "Security",
  "Testing",
  "Communication",
  "Leadership",
  "Mentoring",
  "Negotiation",
  "Project management",
  "Stakeholder management",
  "Budgeting",
  "User research",
  "Prototyping",
  "Design systems",
  "Customer service",
  "Troubleshooting",
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const skillPattern = (skill: string) =>
  new RegExp(`(^|[^\\w+#.])${escapeRegExp(skill)}(?![\\w+#])`, "gi");

/** Skills a text mentions, most mentioned first. */
export function skillsIn(text: string): string[] {
  return KNOWN_SKILLS.map((skill) => ({
    skill,
    hits: text.match(skillPattern(skill))?.length ?? 0,
  }))
    .filter((entry) => entry.hits > 0)
    .sort((a, b) => b.hits - a.hits)
    .map((entry) => entry.skill);
}

function familyOf(text: string): RoleFamily | undefined {
  return FAMILIES.map((family) => ({
    family,
    hits: text.match(new RegExp(family.signals, "gi"))?.length ?? 0,
  }))
    .filter((entry) => entry.hits > 0)
    .sort((a, b) => b.hits - a.hits)[0]?.family;
}

export const SUGGESTION_KINDS = ["bullets", "skills", "summary"] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export interface SuggestionInput {
  role?: string;
  jobDescription?: string;
}

const roleTitle = (role: string | undefined) =>
  role?.trim().replace(/\s+/g, " ").slice(0, 80) || "Professional";

/**
 * Suggestions of one kind. Gaps the person must fill are in square brackets, so nothing
 * invented passes as their achievement.
 */
export function suggest(kind: SuggestionKind, input: SuggestionInput): string[] {
  const text = `${input.role ?? ""}\n${input.jobDescription ?? ""}`;
  const family = familyOf(text);
  const mentioned = skillsIn(text);
  const skills = [...new Set([...mentioned, ...(family?.skills ?? [])])].slice(0, 12);
  if (kind === "skills")
    return skills.length
      ? skills
      : ["Communication", "Problem solving", "Team work", "Time management"];
  if (kind === "bullets") {
    const templates = family?.bullets ?? [
      "Delivered [result] for [who], [N]% better than [baseline]",
      "Improved [process] so it takes [N]% less time",
      "Led [N] people to [outcome]",
    ];
    return templates.map((template, index) =>
      template.replace("{skill}", skills[index % Math.max(skills.length, 1)] ?? "[skill]"),
    );
  }
  const role = roleTitle(input.role);
  const top = skills.slice(0, 3);
  const skillList =
    top.length > 1
      ? `${top.slice(0, -1).join(", ")} and ${top.at(-1)}`
      : (top[0] ?? "[your key skills]");
  return [
    `${role} with [N] years of experience in ${skillList}, known for ${family?.strength ?? "[what you are known for]"}.`,
    `${role} who [biggest achievement, with a number]. Strong in ${skillList}; looking to [what you want next].`,
  ];
}
