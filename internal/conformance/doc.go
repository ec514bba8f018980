// Package conformance drives the module's published conformance vectors
// (testdata/conformance at the module root) through the public API of
// every package they cover. It has no API of its own: its test reads
// every vector file, runs each vector's operation and compares the
// outputs with the expected figures, which were worked by hand. The
// file format and its versioning are documented in
// testdata/conformance/README.md, for implementations in other
// languages, SQL or spreadsheets that check themselves against the
// same vectors.
package conformance
