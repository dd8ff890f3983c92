export * from './format.ts';
export { ReplayWriter, type ReplaySink, type ReplayWriterOptions } from './writer.ts';
export { ReplayFileSink, appendChunk } from './fileSink.ts';
export { replayHeader, type SampleOptions } from './header.ts';
export { unitHash, keeps, SAMPLE_RULE } from './sample.ts';
export { ReplayError, parseReplayText, ReplayBuilder, type Replay } from './reader.ts';
