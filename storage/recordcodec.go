package storage

import segjson "github.com/segmentio/encoding/json"

// unmarshalRecord decodes a stored record's JSON into dst. Records stay
// JSON, written by encoding/json (their bytes, and so the hashes the
// journal keeps of them, do not change); they are read with
// segmentio/encoding's decoder, which reads the same JSON into the same
// values 3–5× faster (BENCHMARKS.md, "Record encoding";
// TestRecordsDecodeAsEncodingJSONDecodesThem checks every record of a
// demo body both ways).
func unmarshalRecord(data []byte, dst any) error { return segjson.Unmarshal(data, dst) }
