/**
 * The built-in image check: the AI layer's stand-in for the Workers AI vision model when there
 * is no AI binding (local runs, tests). It is NOT a model and says so in every signal. It looks
 * at one thing, how much of the picture is skin-coloured and how that skin is arranged, and
 * scores only "nsfw" from it:
 *
 * - Skin pixels: the combined rule of Kovač, Peer & Solina 2003 ("Human skin colour
 *   clustering for face detection", uniform daylight RGB rule) AND the YCbCr box of Chai & Ngan
 *   1999 ("Face segmentation using skin-color map", Cb 77–127, Cr 133–173). Requiring both
 *   trims what either admits alone (warm greys, reddish wood).
 * - Regions: 4-connected regions of skin (iterative flood fill), in the spirit of Ap-apid 2005
 *   ("An algorithm for nudity detection"): little skin, or skin scattered over several small
 *   regions (faces, hands, a group photo), is not exposure; one large region is.
 * - Features: non-skin holes enclosed by the largest region (eyes and a mouth in a close-up
 *   face, clothing over a body) mean it is a face or covered, which keeps it below review.
 *
 * Honest limits: skin colour is not nudity. A beige wall, wood or sand of skin tone can look
 * like one large region, and darker or strongly lit skin can fall outside the rules. So the
 * score never exceeds 85: the heuristic can send a picture to a person (≥ 60), never block it
 * (> 90). A head-and-shoulders portrait (a face over clothing, skin well under half the
 * picture) stays far below review; only a picture dominated by one skin-coloured area gets
 * there.
 */
import type { PixelSample } from "../media/pixels";
import type { ModerationSignal } from "./model";

export const BUILTIN_IMAGE_CLASSIFIER = {
  id: "builtin-image-classifier",
  label: "Built-in image heuristic (stand-in for Workers AI vision, no model)",
} as const;

/** Signals below this are noise the decision would ignore anyway (as the text classifier's). */
const REPORT_FLOOR = 15;
/** The highest score a heuristic gives: the review queue, never an automatic block. */
const CEILING = 85;
/** Just under the review threshold: "allowed and monitored". */
const BELOW_REVIEW = 59;
/** What a picture the check cannot read scores: a person looks (the review band). */
const UNREAD = 65;
/** Skin share of the picture → confidence, linear between these points. */
const CURVE: [share: number, confidence: number][] = [
  [0.15, 0],
  [0.25, 15],
  [0.55, 60],
  [0.8, 80],
  [1, CEILING],
];
/** One region must cover this share of the picture for the score to reach review. */
const LARGE_REGION = 0.45;
/** Regions smaller than this share of the picture are speckle, not counted as regions. */
const MIN_REGION = 0.005;
/** An enclosed non-skin hole this large (share of the picture) counts as a feature. */
const MIN_HOLE = 0.002;
/** Two features (two eyes; eyes and a mouth; a bikini) mean a face or a covered body. */
const FEATURES_THAT_COVER = 2;

/** The skin rules above, on one 8-bit RGB pixel. */
export function isSkinColour(r: number, g: number, b: number): boolean {
  // Kovač, Peer & Solina 2003, uniform daylight
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (!(r > 95 && g > 40 && b > 20 && max - min > 15 && Math.abs(r - g) > 15 && r > g && r > b)) {
    return false;
  }
  // Chai & Ngan 1999, ITU-R BT.601 chroma
  const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  return cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173;
}

export interface SkinAnalysis {
  /** Share of the picture's pixels that are skin-coloured, 0–1. */
  skinShare: number;
  /** Share of the picture covered by the largest connected skin region, 0–1. */
  largestRegionShare: number;
  /** Skin regions of at least MIN_REGION of the picture. */
  regions: number;
  /** Non-skin holes of at least MIN_HOLE enclosed by the largest region. */
  enclosedFeatures: number;
}

/**
 * Labels the 4-connected components of pixels where `member[i] === want`, with an explicit
 * stack (no recursion, each pixel pushed once). Calls `visit` per component with its size,
 * whether it touches the border, and the labels of the other-kind pixels around it.
 */
function components(
  sample: PixelSample,
  member: Uint8Array,
  want: 0 | 1,
  labels: Int32Array,
  firstLabel: number,
  visit: (label: number, size: number, touchesBorder: boolean, neighbours: Set<number>) => void,
): number {
  const { width, height } = sample;
  const stack = new Int32Array(width * height);
  let label = firstLabel;
  for (let start = 0; start < member.length; start++) {
    if (member[start] !== want || labels[start] !== 0) continue;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    let size = 0;
    let touchesBorder = false;
    const neighbours = new Set<number>();
    while (top > 0) {
      const at = stack[--top] as number;
      size++;
      const x = at % width;
      const y = (at - x) / width;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) touchesBorder = true;
      const around = [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, at - width, at + width];
      for (const next of around) {
        if (next < 0 || next >= member.length) continue;
        if (member[next] !== want) {
          neighbours.add(labels[next] as number);
          continue;
        }
        if (labels[next] !== 0) continue;
        labels[next] = label;
        stack[top++] = next;
      }
    }
    visit(label, size, touchesBorder, neighbours);
    label++;
  }
  return label;
}

/** The skin measurements the score is made of (exported for the tests and the bench). */
export function analyseSkin(sample: PixelSample): SkinAnalysis {
  const pixels = sample.width * sample.height;
  const skin = new Uint8Array(pixels);
  let skinPixels = 0;
  for (let i = 0; i < pixels; i++) {
    const at = i * 4;
    if (
      isSkinColour(
        sample.rgba[at] as number,
        sample.rgba[at + 1] as number,
        sample.rgba[at + 2] as number,
      )
    ) {
      skin[i] = 1;
      skinPixels++;
    }
  }
  const labels = new Int32Array(pixels);
  let largest = 0;
  let largestLabel = 0;
  let regions = 0;
  // Skin first: labels 1…n. Non-skin pixels' labels are still 0 then, so neighbours are unused.
  const nextLabel = components(sample, skin, 1, labels, 1, (label, size) => {
    if (size >= MIN_REGION * pixels) regions++;
    if (size > largest) {
      largest = size;
      largestLabel = label;
    }
  });
  let enclosedFeatures = 0;
  if (largestLabel !== 0) {
    components(sample, skin, 0, labels, nextLabel, (_label, size, touchesBorder, neighbours) => {
      const enclosed = !touchesBorder && neighbours.size === 1 && neighbours.has(largestLabel);
      if (enclosed && size >= MIN_HOLE * pixels) enclosedFeatures++;
    });
  }
  return {
    skinShare: pixels ? skinPixels / pixels : 0,
    largestRegionShare: pixels ? largest / pixels : 0,
    regions,
    enclosedFeatures,
  };
}

/** Skin share → confidence along CURVE. */
function curve(share: number): number {
  let [previousShare, previousConfidence] = CURVE[0] as [number, number];
  if (share <= previousShare) return 0;
  for (const [pointShare, pointConfidence] of CURVE.slice(1)) {
    if (share <= pointShare) {
      const t = (share - previousShare) / (pointShare - previousShare);
      return previousConfidence + t * (pointConfidence - previousConfidence);
    }
    previousShare = pointShare;
    previousConfidence = pointConfidence;
  }
  return CEILING;
}

/** The "nsfw" confidence of an analysis: see the header for why each cap exists. */
export function skinExposureConfidence(analysis: SkinAnalysis): number {
  let confidence = curve(analysis.skinShare);
  const oneLargeRegion = analysis.largestRegionShare >= LARGE_REGION;
  if (!oneLargeRegion || analysis.enclosedFeatures >= FEATURES_THAT_COVER) {
    confidence = Math.min(confidence, BELOW_REVIEW);
  }
  return Math.round(Math.min(confidence, CEILING));
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** The stand-in's signals for a photo's sample (null: the photo could not be decoded here). */
export function classifyImageLocally(sample: PixelSample | null): ModerationSignal[] {
  const { id, label } = BUILTIN_IMAGE_CLASSIFIER;
  if (!sample) {
    return [
      {
        layer: "ai",
        category: "nsfw",
        confidence: UNREAD,
        model: id,
        detail: `The built-in image check could not read this picture's pixels (a WebP, or too large to decode here), so a person looks at it (${label})`,
      },
    ];
  }
  const analysis = analyseSkin(sample);
  const confidence = skinExposureConfidence(analysis);
  if (confidence < REPORT_FLOOR) return [];
  const features =
    analysis.enclosedFeatures >= FEATURES_THAT_COVER
      ? `; it encloses ${analysis.enclosedFeatures} features (a face or clothing)`
      : "";
  return [
    {
      layer: "ai",
      category: "nsfw",
      confidence,
      model: id,
      detail: `Skin-coloured area covers ${percent(analysis.skinShare)} of the picture, ${percent(analysis.largestRegionShare)} in its largest region (${analysis.regions} ${analysis.regions === 1 ? "region" : "regions"})${features} (${label})`,
    },
  ];
}
