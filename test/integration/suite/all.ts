// Every suite file, in run order. Required by ../index.node.ts after mocha's tdd globals exist.
import './activation';
import './diagnostics';
import './completion';
import './navigation';
import './fixes-and-formatting';
import './preview';
