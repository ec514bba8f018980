// Package schemas holds the JSON Schemas (draft 2020-12) of the module's
// rule documents, so that a host (a PRM form, a CRM integration) can
// validate a document before sending it to the SDK:
//
//   - loyalty-scorer.schema.json: loyalty.ScorerSpec (loyalty.ParseScorer)
//   - loyalty-ladder.schema.json: loyalty.LadderSpec (loyalty.ParseLadder)
//   - pricing-policy.schema.json: pricing.PolicySpec (pricing.ParsePolicy)
//   - pricing-protection.schema.json: pricing.ProtectionSpec
//     (pricing.ParseProtection)
//   - tier-schedule.schema.json: tier.Spec (tier.ParseSchedule)
//   - incentive-plan.schema.json: incentive.PlanSpec (incentive.ParsePlan),
//     with its components' modifiers and budgets; each component's
//     schedule refers to tier-schedule.schema.json
//   - incentive-group.schema.json: incentive.GroupSpec (incentive.ParseGroup)
//   - incentive-draw.schema.json: incentive.DrawSpec (incentive.ParseDraw)
//   - incentive-behaviour.schema.json: incentive.BehaviourSpec
//     (incentive.ParseBehaviour)
//   - dealreg-policy.schema.json: the JSON form of dealreg.PolicySpec
//     (dealreg.ParsePolicy); its pricing member refers to
//     pricing-policy.schema.json
//   - mdf-programme.schema.json: mdf.ProgrammeSpec (mdf.ParseProgramme)
//   - mdf-fund.schema.json: a stored fund, mdf.FundRecord (mdf.ParseFund)
//   - mdf-segmentation.schema.json: mdf.SegmentationSpec
//     (mdf.ParseSegmentation)
//   - margin-resale.schema.json: margin.ResaleSpec (margin.ParseResale);
//     its pricing member refers to pricing-policy.schema.json
//
// A schema checks the shape of a document: its members, their types and
// syntax, and the members that must be present. The SDK's parser checks
// the rest (weights that sum to 1, names that refer to each other, bounds
// that ascend); its errors carry the JSON Pointer of the member at fault.
// Members required only under some option are written with
// dependentRequired (a deal-registration policy's parts) or with if/then
// in allOf (the members a tier schedule's mode or a plan modifier's kind
// uses, a fuzzy match's threshold, a co-op fund's terms, a pricing
// floor's rate, a resale's vendor cost under a margin floor), or with
// anyOf (an entry that is an amount or a rate, a street price declared
// or derived). The loyalty schemas list as required some members the SDK
// always writes but reads as zero when absent, so they may reject a
// hand-written document that the parser accepts.
//
// The package has no Go API: its test checks every schema against the Go
// type it describes (the same members, recursively; the same required
// members; decimals, rates and amounts as strings whose pattern accepts
// the SDK's forms), parses each schema's examples with the SDK, and
// removes each member of an example in turn: the SDK must refuse the
// document whenever the schema does, and, for every schema but the
// loyalty ones, exactly when the schema does.
package schemas
