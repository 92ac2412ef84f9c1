/** The `stats` object Loki 3.4 attaches to query responses (same keys; sandbox numbers). */

function cacheStats() {
  return {
    entriesFound: 0,
    entriesRequested: 0,
    entriesStored: 0,
    bytesReceived: 0,
    bytesSent: 0,
    requests: 0,
    downloadTime: 0,
    queryLengthServed: 0,
  };
}

function storeStats(
  headBytes: number,
  headLines: number,
  postFilterLines: number,
  metaBytes: number,
  chunkRefsFetchTime: number,
) {
  return {
    totalChunksRef: 0,
    totalChunksDownloaded: 0,
    chunksDownloadTime: 0,
    queryReferencedStructuredMetadata: false,
    chunk: {
      headChunkBytes: headBytes,
      headChunkLines: headLines,
      decompressedBytes: 0,
      decompressedLines: 0,
      compressedBytes: 0,
      totalDuplicates: 0,
      postFilterLines,
      headChunkStructuredMetadataBytes: metaBytes,
      decompressedStructuredMetadataBytes: 0,
    },
    chunkRefsFetchTime,
    congestionControlLatency: 0,
    pipelineWrapperFilteredLines: 0,
  };
}

export function queryStats(o: {
  lines: number;
  bytes: number;
  returned: number;
  postFilterLines: number;
  execSeconds: number;
}) {
  const exec = Math.max(o.execSeconds, 0.000001);
  return {
    summary: {
      bytesProcessedPerSecond: Math.round(o.bytes / exec),
      linesProcessedPerSecond: Math.round(o.lines / exec),
      totalBytesProcessed: o.bytes,
      totalLinesProcessed: o.lines,
      execTime: exec,
      queueTime: 0.0001,
      subqueries: 0,
      totalEntriesReturned: o.returned,
      splits: 0,
      shards: 1,
      totalPostFilterLines: o.postFilterLines,
      totalStructuredMetadataBytesProcessed: 0,
    },
    querier: { store: storeStats(0, 0, 0, 0, 0) },
    ingester: {
      totalReached: 1,
      totalChunksMatched: o.lines > 0 ? 1 : 0,
      totalBatches: o.lines > 0 ? 1 : 0,
      totalLinesSent: o.returned,
      store: storeStats(o.bytes, o.lines, o.postFilterLines, 0, 0),
    },
    cache: {
      chunk: cacheStats(),
      index: cacheStats(),
      result: cacheStats(),
      statsResult: cacheStats(),
      volumeResult: cacheStats(),
      seriesResult: cacheStats(),
      labelResult: cacheStats(),
      instantMetricResult: cacheStats(),
    },
    index: {
      totalChunks: 0,
      postFilterChunks: 0,
      shardsDuration: 0,
      usedBloomFilters: false,
    },
  };
}
