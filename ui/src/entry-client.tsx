// @refresh reload
import { mount, StartClient } from "@solidjs/start/client";
import { installStartManifest } from "~kit/document/start-manifest";

installStartManifest();
mount(() => <StartClient />, document.getElementById("app")!);
