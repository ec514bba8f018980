// Package schemas holds the JSON Schemas (draft 2020-12) of the module's
// rule documents, so that a host (a PRM form, a CRM integration) can
// validate a document before sending it to the SDK:
//
//   - loyalty-scorer.schema.json: loyalty.ScorerSpec (loyalty.ParseScorer)
//   - loyalty-ladder.schema.json: loyalty.LadderSpec (loyalty.ParseLadder)
//   - pricing-policy.schema.json: pricing.PolicySpec (pricing.ParsePolicy)
//   - pricing-protection.schema.json: pricing.ProtectionSpec
//     (pricing.ParseProtection)
//
// A schema checks the shape of a document: its members, their types and
// syntax, and the members that must be present. The SDK's parser checks
// the rest (weights that sum to 1, names that refer to each other,
// members required only under some option); its errors carry the JSON
// Pointer of the member at fault. A schema lists as required the members
// the SDK always writes, so it may reject a hand-written document that
// leaves out a member whose zero value the parser accepts.
//
// The package has no Go API: its test checks every schema against the Go
// type it describes (the same members, recursively; the same required
// members) and parses each schema's example with the SDK.
package schemas
