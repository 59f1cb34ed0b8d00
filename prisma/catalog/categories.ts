// Seed catalog of project categories for the category matcher (keywords matched against video title/description); edit freely, slugs are stable keys.

export type CategorySeed = { readonly name: string; readonly slug: string; readonly keywords: readonly string[] };

export const CATEGORY_CATALOG: readonly CategorySeed[] = [
  // Software & engineering
  {
    name: "Cybersecurity",
    slug: "cybersecurity",
    keywords: ["cybersecurity", "cyber security", "ethical hacking", "hacking", "penetration testing", "pentest", "ctf", "capture the flag", "bug bounty", "malware analysis", "reverse engineering", "infosec", "vulnerability", "exploit", "red team"],
  },
  {
    name: "Data Science",
    slug: "data-science",
    keywords: ["data science", "data analysis", "data analytics", "data visualization", "dashboard", "dataset", "statistics", "sql query", "etl", "data pipeline", "web scraping", "kaggle", "exploratory data analysis"],
  },
  {
    name: "DevOps & Cloud",
    slug: "devops-cloud",
    keywords: ["devops", "ci/cd", "continuous integration", "deployment", "cloud computing", "serverless", "containers", "infrastructure as code", "self-hosted", "self hosting", "homelab", "home server", "microservices", "observability"],
  },
  {
    name: "Game Development",
    slug: "game-development",
    keywords: ["game development", "game dev", "gamedev", "indie game", "game jam", "game engine", "devlog", "level design", "game design", "procedural generation", "multiplayer game", "shader", "platformer"],
  },
  {
    name: "Machine Learning & AI",
    slug: "machine-learning-ai",
    keywords: ["machine learning", "deep learning", "neural network", "artificial intelligence", "llm", "chatbot", "computer vision", "nlp", "fine-tuning", "generative ai", "prompt engineering", "rag", "ai agent", "ai model", "image generation"],
  },
  {
    name: "Mobile Development",
    slug: "mobile-development",
    keywords: ["mobile app", "mobile development", "ios app", "ios development", "android app", "android development", "app store", "play store", "cross-platform app", "iphone app", "widget"],
  },
  {
    name: "Programming & Software Engineering",
    slug: "programming-software-engineering",
    keywords: ["programming", "coding", "software engineering", "algorithms", "data structures", "leetcode", "open source", "code review", "cli tool", "refactoring", "system design", "desktop app", "compiler", "side project"],
  },
  {
    name: "Web Development",
    slug: "web-development",
    keywords: ["web development", "web dev", "website", "web app", "frontend", "front-end", "backend", "back-end", "full stack", "fullstack", "rest api", "landing page", "saas", "browser extension", "responsive design"],
  },

  // Design, visual & motion
  {
    name: "3D & Animation",
    slug: "3d-animation",
    keywords: ["3d modeling", "3d modelling", "3d animation", "3d render", "rendering", "sculpting", "rigging", "texturing", "character animation", "low poly", "cgi", "animation", "procedural", "hard surface"],
  },
  {
    name: "Graphic Design",
    slug: "graphic-design",
    keywords: ["graphic design", "logo design", "branding", "brand identity", "poster design", "typography", "illustration", "digital art", "digital painting", "thumbnail design", "vector art", "print design", "pixel art", "packaging design"],
  },
  {
    name: "Motion Graphics",
    slug: "motion-graphics",
    keywords: ["motion graphics", "motion design", "kinetic typography", "logo animation", "title sequence", "explainer video", "2d animation", "lower thirds", "text animation", "vfx", "visual effects", "compositing", "green screen"],
  },
  {
    name: "Photography",
    slug: "photography",
    keywords: ["photography", "photo editing", "portrait photography", "landscape photography", "street photography", "product photography", "film photography", "astrophotography", "retouching", "photoshoot", "photo walk", "lightroom preset", "wildlife photography"],
  },
  {
    name: "UI/UX Design",
    slug: "ui-ux-design",
    keywords: ["ui design", "ux design", "ui/ux", "user interface", "user experience", "wireframe", "prototype", "prototyping", "design system", "app design", "web design", "usability", "user research", "dashboard design"],
  },

  // Film, video, music & audio
  {
    name: "Audio & Podcasting",
    slug: "audio-podcasting",
    keywords: ["podcast", "podcasting", "voiceover", "voice over", "audio editing", "audio setup", "audiobook", "noise reduction", "narration", "audio restoration", "dialogue editing", "podcast setup"],
  },
  {
    name: "Film & Cinematography",
    slug: "film-cinematography",
    keywords: ["filmmaking", "cinematography", "short film", "cinematic", "lighting setup", "camera movement", "storyboard", "screenwriting", "directing", "documentary", "music video", "film school", "one take"],
  },
  {
    name: "Live Streaming",
    slug: "live-streaming",
    keywords: ["live stream", "livestream", "live streaming", "streaming setup", "stream overlay", "stream alerts", "streamer", "going live", "stream setup", "multistream"],
  },
  {
    name: "Music Production",
    slug: "music-production",
    keywords: ["music production", "beat making", "beatmaking", "making a beat", "mixing", "mastering", "music producer", "synth", "sample pack", "remix", "instrumental", "lofi", "sound design", "songwriting", "film score"],
  },
  {
    name: "Video Editing",
    slug: "video-editing",
    keywords: ["video editing", "video editor", "color grading", "color correction", "colour grading", "transitions", "b-roll", "post-production", "post production", "montage", "jump cuts", "editing workflow", "speed ramp"],
  },

  // Making & hardware
  {
    name: "3D Printing & Fabrication",
    slug: "3d-printing-fabrication",
    keywords: ["3d printing", "3d printed", "3d printer", "3d print", "cad design", "laser cutting", "laser engraving", "cnc", "woodworking", "fabrication", "filament", "resin printing", "print in place"],
  },
  {
    name: "Electronics & Hardware",
    slug: "electronics-hardware",
    keywords: ["electronics", "circuit", "pcb", "pcb design", "soldering", "microcontroller", "iot", "embedded", "sensor", "robotics", "diy electronics", "home automation", "firmware", "custom keyboard", "maker project"],
  },

  // Workflow & productivity
  {
    name: "Automation & Productivity",
    slug: "automation-productivity",
    keywords: ["automation", "workflow automation", "productivity", "no-code", "low-code", "spreadsheet", "note-taking", "second brain", "knowledge management", "discord bot", "telegram bot", "productivity system"],
  },

  // Content formats
  {
    name: "Gaming",
    slug: "gaming",
    keywords: ["gameplay", "let's play", "lets play", "speedrun", "playthrough", "esports", "gaming", "minecraft", "fortnite", "modding", "game mod", "stream highlights", "boss fight"],
  },
  {
    name: "Product Reviews",
    slug: "product-reviews",
    keywords: ["review", "unboxing", "hands-on", "comparison", "worth it", "first impressions", "long-term review", "buyer's guide", "buying guide", "honest review", "tested", "should you buy"],
  },
  {
    name: "Tutorials & Education",
    slug: "tutorials-education",
    keywords: ["tutorial", "how to", "for beginners", "beginner", "course", "lesson", "explained", "step by step", "guide", "crash course", "learn", "walkthrough", "tips and tricks", "masterclass"],
  },
  {
    name: "Vlogs",
    slug: "vlogs",
    keywords: ["vlog", "day in the life", "behind the scenes", "studio tour", "desk setup", "q&a", "travel vlog", "week in my life", "storytime", "life update", "a day with"],
  },
];
