// Package encodingbench measures how fast a stored record decodes in
// each encoding weighed for CertDesk's records (issue 18): the
// encoding/json the store uses, faster JSON codecs, and compact binary
// encodings. It is a module of its own so that the codecs it compares
// stay out of the product's dependencies; BENCHMARKS.md ("Record
// encoding") has the figures and the choice.
package encodingbench
