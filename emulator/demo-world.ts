/**
 * The fixed demo world, present whatever the seed or worldSize: one creator channel with ~30 videos
 * of every kind (live, upcoming, shorts, a day-long VOD, private, unlisted, deleted, missing
 * thumbnails, hidden likes) whose titles name real tools, so demo mode and e2e tests have something
 * for the tool matcher to find. Its ids are constants; its times follow the world anchor so the
 * channel always looks active.
 */
import {
  uploadsPlaylistIdOf,
  type ChannelRecord,
  type PrivacyStatus,
  type VideoKind,
  type VideoRecord,
} from "./records.ts";

export const DEMO_CHANNEL_ID = "UCdemoShowreelCreator01w";
export const DEMO_UPLOADS_PLAYLIST_ID = uploadsPlaylistIdOf(DEMO_CHANNEL_ID);
export const DEMO_CHANNEL_TITLE = "Demo Creator";
export const DEMO_CHANNEL_HANDLE = "@democreator";
/** Bearer token registered for the demo channel (`mine=true`). */
export const DEMO_ACCESS_TOKEN = "demo-access-token";

/** The Google account (emulated OAuth) that owns the demo channel. Subs are Google's 21-digit form. */
export const DEMO_ACCOUNT_EMAIL = "demo.creator@example.com";
export const DEMO_ACCOUNT_NAME = "Demo Creator";
export const DEMO_ACCOUNT_SUB = "100000000000000000001";
/** A Google account with no YouTube channel: `channels.list mine=true` answers without `items`. */
export const NO_CHANNEL_ACCOUNT_EMAIL = "no.channel@example.com";
export const NO_CHANNEL_ACCOUNT_NAME = "Casey NoChannel";
export const NO_CHANNEL_ACCOUNT_SUB = "100000000000000000002";

/** Every demo video id, by what it is; all are valid 11-char ids. */
export const DEMO_VIDEO_IDS = {
  upcomingPremiere: "demo01PremA",
  liveNow: "demo02LiveA",
  resolveShort: "demo03RsvSA",
  resolveGrading: "demo04GradA",
  blenderProduct: "demo05BlndA",
  afterEffectsShort: "demo06AeShA",
  unrealMarathon: "demo07JamVA",
  figmaToReact: "demo08FigmA",
  privateClientCut: "demo09PrivA",
  deletedOldReel: "demo10DelRA",
  pythonAutomation: "demo11PyAuA",
  unlistedStudioTour: "demo12UnlsA",
  afterEffectsTypography: "demo13KineA",
  blenderGeometryShort: "demo14GeoSA",
  unrealLighting: "demo15LumnA",
  photoshopThumbnails: "demo16PhotA",
  resolveMigrationStream: "demo17MigrA",
  typescriptCreativeCoding: "demo18TsCdA",
  cinema4dVsBlender: "demo19C4dBA",
  figmaAutoLayoutShort: "demo20FigSA",
  ffmpegSubtitles: "demo21FfmpA",
  houdiniSmoke: "demo22HoudA",
  privateSponsorDraft: "demo23SponA",
  substanceHelmet: "demo24SubsA",
  logicSoundDesign: "demo25LogcA",
  nextjsPortfolio: "demo26NextA",
  deletedTestUpload: "demo27TestA",
  godotMotion: "demo28GodoA",
  rustWasmFilters: "demo29RustA",
  showreel2019: "demo30ReelA",
} as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface DemoVideoSpec {
  id: string;
  kind: VideoKind;
  title: string;
  description: string;
  /** Hours before the anchor the video was published. */
  ageHours: number;
  durationSeconds: number;
  viewCount: number;
  privacy?: PrivacyStatus;
  isDeleted?: boolean;
  hasStandardThumbnail?: boolean;
  hasMaxresThumbnail?: boolean;
  isLikeCountHidden?: boolean;
  areCommentsDisabled?: boolean;
  tags?: string[];
}

const DEMO_VIDEOS: readonly DemoVideoSpec[] = [
  {
    id: DEMO_VIDEO_IDS.upcomingPremiere,
    kind: "upcoming",
    title: "Premiere: Building my portfolio site with React and Figma",
    description: "Premieres soon. Designing in Figma, building in React and TypeScript, deploying the result.",
    ageHours: 2,
    durationSeconds: 0,
    viewCount: 0,
    hasMaxresThumbnail: false,
  },
  {
    id: DEMO_VIDEO_IDS.liveNow,
    kind: "live",
    title: "LIVE: Blender sculpting session — ask me anything",
    description: "Sculpting a creature bust in Blender live. Questions about ZBrush vs Blender welcome.",
    ageHours: 1,
    durationSeconds: 0,
    viewCount: 1850,
    areCommentsDisabled: true,
  },
  {
    id: DEMO_VIDEO_IDS.resolveShort,
    kind: "short",
    title: "The 10-second color trick in DaVinci Resolve #shorts",
    description: "#shorts DaVinci Resolve color page, one node.",
    ageHours: 20,
    durationSeconds: 45,
    viewCount: 48_200,
    hasMaxresThumbnail: false,
  },
  {
    id: DEMO_VIDEO_IDS.resolveGrading,
    kind: "video",
    title: "Color grading a short film in DaVinci Resolve 19 — full workflow",
    description:
      "From a flat LOG image to the final look in DaVinci Resolve: nodes, qualifiers, power windows.\n\nProject files in the description.",
    ageHours: 50,
    durationSeconds: 24 * 60 + 13,
    viewCount: 132_400,
    tags: ["DaVinci Resolve", "color grading"],
  },
  {
    id: DEMO_VIDEO_IDS.blenderProduct,
    kind: "video",
    title: "Blender 4.2 product animation from scratch",
    description: "Modeling, lighting and rendering a product shot in Blender with Cycles. Edited in DaVinci Resolve.",
    ageHours: 5 * 24,
    durationSeconds: 72 * 60 + 5,
    viewCount: 88_030,
  },
  {
    id: DEMO_VIDEO_IDS.afterEffectsShort,
    kind: "short",
    title: "The After Effects expression you'll use every day #shorts",
    description: "wiggle() but better. After Effects tip.",
    ageHours: 8 * 24,
    durationSeconds: 30,
    viewCount: 21_950,
    hasStandardThumbnail: false,
    hasMaxresThumbnail: false,
  },
  {
    id: DEMO_VIDEO_IDS.unrealMarathon,
    kind: "ended_stream",
    title: "24-hour Unreal Engine game jam (full VOD)",
    description: "The whole jam: Unreal Engine 5 blueprints, Blender assets, and a lot of coffee.",
    ageHours: 12 * 24,
    durationSeconds: 93_784,
    viewCount: 12_034,
  },
  {
    id: DEMO_VIDEO_IDS.figmaToReact,
    kind: "video",
    title: "Figma to React: design tokens that survive handoff",
    description: "Exporting Figma variables to TypeScript and using them in React components.",
    ageHours: 15 * 24,
    durationSeconds: 18 * 60,
    viewCount: 40_500,
  },
  {
    id: DEMO_VIDEO_IDS.privateClientCut,
    kind: "video",
    title: "Client review cut v3",
    description: "Private review link for the client. Edited in Premiere Pro.",
    ageHours: 17 * 24,
    durationSeconds: 4 * 60 + 12,
    viewCount: 3,
    privacy: "private",
  },
  {
    id: DEMO_VIDEO_IDS.deletedOldReel,
    kind: "video",
    title: "Old reel (removed)",
    description: "Replaced by the new reel.",
    ageHours: 20 * 24,
    durationSeconds: 95,
    viewCount: 410,
    isDeleted: true,
  },
  {
    id: DEMO_VIDEO_IDS.pythonAutomation,
    kind: "video",
    title: "Python automation for video editors — batch renaming and proxies",
    description: "A Python script that renames footage, builds proxies with FFmpeg and writes a DaVinci Resolve bin.",
    ageHours: 24 * 24,
    durationSeconds: 15 * 60 + 42,
    viewCount: 27_310,
  },
  {
    id: DEMO_VIDEO_IDS.unlistedStudioTour,
    kind: "video",
    title: "Behind the scenes: studio tour",
    description: "Unlisted for patrons. Camera, lights, and the Blender render box.",
    ageHours: 27 * 24,
    durationSeconds: 9 * 60 + 2,
    viewCount: 812,
    privacy: "unlisted",
  },
  {
    id: DEMO_VIDEO_IDS.afterEffectsTypography,
    kind: "video",
    title: "Kinetic typography in After Effects",
    description: "Text animators, expressions and motion blur in After Effects; sound design in Logic Pro.",
    ageHours: 31 * 24,
    durationSeconds: 22 * 60 + 8,
    viewCount: 61_200,
    isLikeCountHidden: true,
  },
  {
    id: DEMO_VIDEO_IDS.blenderGeometryShort,
    kind: "short",
    title: "Blender geometry nodes in 60 seconds #shorts",
    description: "#shorts Scatter on a surface with Blender geometry nodes.",
    ageHours: 35 * 24,
    durationSeconds: 60,
    viewCount: 190_000,
  },
  {
    id: DEMO_VIDEO_IDS.unrealLighting,
    kind: "video",
    title: "Unreal Engine 5 cinematic lighting with Lumen",
    description: "Lighting a cinematic in Unreal Engine 5 with Lumen and the Movie Render Queue.",
    ageHours: 41 * 24,
    durationSeconds: 35 * 60 + 30,
    viewCount: 73_800,
    areCommentsDisabled: true,
  },
  {
    id: DEMO_VIDEO_IDS.photoshopThumbnails,
    kind: "video",
    title: "Photoshop compositing for YouTube thumbnails",
    description: "Cut-outs, rim light and color matching in Photoshop. Layout first in Figma.",
    ageHours: 48 * 24,
    durationSeconds: 12 * 60 + 1,
    viewCount: 35_420,
  },
  {
    id: DEMO_VIDEO_IDS.resolveMigrationStream,
    kind: "ended_stream",
    title: "Live Q&A: moving from Premiere Pro to DaVinci Resolve",
    description: "Stream VOD. Timelines, XML round trips and Fusion vs After Effects.",
    ageHours: 55 * 24,
    durationSeconds: 2 * 3600 + 4 * 60 + 33,
    viewCount: 9_870,
  },
  {
    id: DEMO_VIDEO_IDS.typescriptCreativeCoding,
    kind: "video",
    title: "TypeScript for creative coders: p5.js and Three.js",
    description: "Generative art with TypeScript, p5.js and Three.js, bundled with Vite.",
    ageHours: 63 * 24,
    durationSeconds: 41 * 60 + 17,
    viewCount: 22_760,
  },
  {
    id: DEMO_VIDEO_IDS.cinema4dVsBlender,
    kind: "video",
    title: "Cinema 4D vs Blender for motion design",
    description: "The same shot in Cinema 4D and Blender: MoGraph, geometry nodes, render times.",
    ageHours: 400 * 24,
    durationSeconds: 27 * 60 + 44,
    viewCount: 143_000,
    hasStandardThumbnail: false,
    hasMaxresThumbnail: false,
  },
  {
    id: DEMO_VIDEO_IDS.figmaAutoLayoutShort,
    kind: "short",
    title: "Figma auto layout trick #shorts",
    description: "#shorts Figma auto layout in 20 seconds.",
    ageHours: 70 * 24,
    durationSeconds: 20,
    viewCount: 54_300,
  },
  {
    id: DEMO_VIDEO_IDS.ffmpegSubtitles,
    kind: "video",
    title: "Node.js scripts that burn subtitles with FFmpeg",
    description: "Automating subtitles with Node.js and FFmpeg; captions exported from DaVinci Resolve.",
    ageHours: 78 * 24,
    durationSeconds: 19 * 60 + 3,
    viewCount: 18_240,
  },
  {
    id: DEMO_VIDEO_IDS.houdiniSmoke,
    kind: "video",
    title: "Houdini FX basics: smoke simulation",
    description: "Pyro in Houdini, rendered with Karma, composited in Nuke.",
    ageHours: 90 * 24,
    durationSeconds: 48 * 60 + 30,
    viewCount: 30_100,
  },
  {
    id: DEMO_VIDEO_IDS.privateSponsorDraft,
    kind: "video",
    title: "Sponsor draft — do not publish",
    description: "Draft for the sponsor's review.",
    ageHours: 95 * 24,
    durationSeconds: 61,
    viewCount: 2,
    privacy: "private",
  },
  {
    id: DEMO_VIDEO_IDS.substanceHelmet,
    kind: "video",
    title: "Texturing a sci-fi helmet in Substance Painter",
    description: "Baking in Substance Painter, modeling in Blender, final render in Unreal Engine.",
    ageHours: 110 * 24,
    durationSeconds: 55 * 60 + 10,
    viewCount: 41_870,
  },
  {
    id: DEMO_VIDEO_IDS.logicSoundDesign,
    kind: "video",
    title: "Logic Pro sound design for motion graphics",
    description: "Whooshes, risers and UI sounds in Logic Pro for After Effects animations.",
    ageHours: 130 * 24,
    durationSeconds: 16 * 60 + 6,
    viewCount: 12_900,
  },
  {
    id: DEMO_VIDEO_IDS.nextjsPortfolio,
    kind: "video",
    title: "Building a Next.js portfolio with Tailwind CSS",
    description: "Next.js, React and Tailwind CSS for a video portfolio; designs from Figma.",
    ageHours: 150 * 24,
    durationSeconds: 33 * 60 + 33,
    viewCount: 67_000,
  },
  {
    id: DEMO_VIDEO_IDS.deletedTestUpload,
    kind: "video",
    title: "test upload",
    description: "",
    ageHours: 160 * 24,
    durationSeconds: 12,
    viewCount: 5,
    isDeleted: true,
  },
  {
    id: DEMO_VIDEO_IDS.godotMotion,
    kind: "video",
    title: "Godot 4 for motion designers",
    description: "Tweens, shaders and the AnimationPlayer in Godot 4, with assets from Blender.",
    ageHours: 200 * 24,
    durationSeconds: 29 * 60 + 9,
    viewCount: 15_600,
  },
  {
    id: DEMO_VIDEO_IDS.rustWasmFilters,
    kind: "video",
    title: "Rust + WebAssembly for real-time video filters",
    description: "Writing a video filter in Rust, compiling to WebAssembly, using it from React.",
    ageHours: 260 * 24,
    durationSeconds: 38 * 60 + 51,
    viewCount: 24_480,
    isLikeCountHidden: true,
    areCommentsDisabled: true,
  },
  {
    id: DEMO_VIDEO_IDS.showreel2019,
    kind: "video",
    title: "My 2019 showreel — After Effects and Cinema 4D",
    description: "Motion design reel: After Effects, Cinema 4D, Octane. Music made in Ableton Live.",
    ageHours: 6 * 365 * 24,
    durationSeconds: 150,
    viewCount: 8_700,
    hasMaxresThumbnail: false,
  },
];

function demoVideo(spec: DemoVideoSpec, anchorMs: number): VideoRecord {
  const publishedAtMs = anchorMs - spec.ageHours * HOUR_MS;
  const timing: Partial<VideoRecord> = {};
  if (spec.kind === "live") {
    timing.scheduledStartMs = publishedAtMs + 120_000;
    timing.actualStartMs = publishedAtMs + 150_000;
    timing.concurrentViewers = 214;
  } else if (spec.kind === "upcoming") {
    timing.scheduledStartMs = anchorMs + 2 * DAY_MS;
  } else if (spec.kind === "ended_stream") {
    timing.scheduledStartMs = publishedAtMs - 60_000;
    timing.actualStartMs = publishedAtMs;
    timing.actualEndMs = publishedAtMs + spec.durationSeconds * 1000;
  }
  return {
    id: spec.id,
    channelId: DEMO_CHANNEL_ID,
    kind: spec.kind,
    privacy: spec.privacy ?? "public",
    isDeleted: spec.isDeleted ?? false,
    title: spec.title,
    description: spec.description,
    tags: spec.tags ?? [],
    categoryId: "27",
    publishedAtMs,
    updatedAtMs: Math.min(anchorMs, publishedAtMs + 6 * HOUR_MS),
    durationSeconds: spec.durationSeconds,
    definition: "hd",
    hasCaption: spec.kind === "video",
    isLicensedContent: true,
    hasStandardThumbnail: spec.hasStandardThumbnail ?? true,
    hasMaxresThumbnail: spec.hasMaxresThumbnail ?? true,
    viewCount: spec.viewCount,
    likeCount: Math.floor(spec.viewCount * 0.04),
    commentCount: Math.floor(spec.viewCount * 0.003),
    isLikeCountHidden: spec.isLikeCountHidden ?? false,
    areCommentsDisabled: spec.areCommentsDisabled ?? false,
    isMadeForKids: false,
    ...timing,
  };
}

export function createDemoChannel(anchorMs: number): ChannelRecord {
  const videos = DEMO_VIDEOS.map((spec) => demoVideo(spec, anchorMs)).sort((a, b) => b.publishedAtMs - a.publishedAtMs);
  return {
    id: DEMO_CHANNEL_ID,
    origin: "demo",
    title: DEMO_CHANNEL_TITLE,
    description:
      "Motion design, 3D and creative coding tutorials: DaVinci Resolve, Blender, After Effects, Figma, Python, React and Unreal Engine.",
    handle: DEMO_CHANNEL_HANDLE,
    publishedAtMs: anchorMs - 4 * 365 * DAY_MS,
    country: "US",
    subscriberCount: 48_300,
    isSubscriberCountHidden: false,
    isTerminated: false,
    videos,
    modifiedAtMs: videos.reduce((latest, video) => Math.max(latest, video.updatedAtMs), anchorMs - 4 * 365 * DAY_MS),
  };
}
