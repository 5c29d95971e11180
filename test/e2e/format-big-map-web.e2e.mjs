// Format Document on a 200-stage map in the browser build (web-worker extension host): see format-big-map.mjs.
import { formatBigMapScenario } from './format-big-map.mjs';

export default formatBigMapScenario('web');
