// Every suite file, in run order. Required by ../index.node.ts and ../index.web.ts after
// mocha's tdd globals exist. `host` comes first: it times a cold start.
import './host';
import './activation';
import './diagnostics';
import './completion';
import './navigation';
import './cross-file';
import './fixes-and-formatting';
import './format-big-map';
import './preview';
import './preview-export';
import './preview-behaviour';
import './map-language';
import './diff';
