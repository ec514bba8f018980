package dealreg_test

import (
	"encoding"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/dealreg"
)

type textEnum interface {
	fmt.Stringer
	encoding.TextMarshaler
}

// Every named value round-trips through its text; the unspecified value
// and unknown names are rejected with *EnumError.
func TestEnumsText(t *testing.T) {
	type family struct {
		name   string
		label  string // EnumError.Type: a human label, not the Go type name
		values []textEnum
		zero   textEnum
		parse  func([]byte) (textEnum, error)
	}
	fams := []family{
		{"State", "state", []textEnum{dealreg.Draft, dealreg.Submitted, dealreg.UnderReview, dealreg.Approved, dealreg.Rejected, dealreg.Won, dealreg.Lost, dealreg.Expired, dealreg.Withdrawn}, dealreg.StateUnspecified,
			func(b []byte) (textEnum, error) { var v dealreg.State; err := v.UnmarshalText(b); return v, err }},
		{"EventKind", "event", []textEnum{dealreg.Update, dealreg.Submit, dealreg.StartReview, dealreg.Approve, dealreg.Reject, dealreg.RequestExtension, dealreg.GrantExtension, dealreg.DenyExtension, dealreg.Win, dealreg.Lose, dealreg.Expire, dealreg.Withdraw}, dealreg.EventUnspecified,
			func(b []byte) (textEnum, error) { var v dealreg.EventKind; err := v.UnmarshalText(b); return v, err }},
		{"Stage", "stage", []textEnum{dealreg.Prospecting, dealreg.Qualification, dealreg.Proposal, dealreg.Negotiation, dealreg.Commit}, dealreg.StageUnspecified,
			func(b []byte) (textEnum, error) { var v dealreg.Stage; err := v.UnmarshalText(b); return v, err }},
		{"Field", "deal field", []textEnum{dealreg.FieldCustomerName, dealreg.FieldCustomerDomain, dealreg.FieldCustomerCountry, dealreg.FieldContact, dealreg.FieldProductLines, dealreg.FieldDealSize, dealreg.FieldExpectedClose, dealreg.FieldSKUs}, dealreg.FieldUnspecified,
			func(b []byte) (textEnum, error) { var v dealreg.Field; err := v.UnmarshalText(b); return v, err }},
		{"Source", "source", []textEnum{dealreg.PartnerSourced, dealreg.VendorLead}, dealreg.SourceUnspecified,
			func(b []byte) (textEnum, error) { var v dealreg.Source; err := v.UnmarshalText(b); return v, err }},
		{"ConflictRule", "conflict rule", []textEnum{dealreg.FirstSubmission, dealreg.TierOrder}, dealreg.ConflictRuleUnspecified,
			func(b []byte) (textEnum, error) { var v dealreg.ConflictRule; err := v.UnmarshalText(b); return v, err }},
		{"Role", "role", []textEnum{dealreg.Owner, dealreg.Secondary, dealreg.Excluded}, dealreg.RoleUnspecified,
			func(b []byte) (textEnum, error) { var v dealreg.Role; err := v.UnmarshalText(b); return v, err }},
		{"LeadStatus", "lead status", []textEnum{dealreg.LeadAssigned, dealreg.LeadAccepted, dealreg.LeadRejected, dealreg.LeadSilent}, dealreg.LeadStatusUnspecified,
			func(b []byte) (textEnum, error) { var v dealreg.LeadStatus; err := v.UnmarshalText(b); return v, err }},
		{"RouteClass", "route class", []textEnum{dealreg.NewPartner, dealreg.HighPerformer}, dealreg.RouteClassUnspecified,
			func(b []byte) (textEnum, error) { var v dealreg.RouteClass; err := v.UnmarshalText(b); return v, err }},
		{"ResolutionReason", "resolution reason", []textEnum{dealreg.NoConflict, dealreg.WonByFirstSubmission, dealreg.WonByTierOrder, dealreg.DirectSalesActive, dealreg.ExistingCustomer, dealreg.LostToOwner, dealreg.LostToWinner}, dealreg.ResolutionReasonUnspecified,
			func(b []byte) (textEnum, error) {
				var v dealreg.ResolutionReason
				err := v.UnmarshalText(b)
				return v, err
			}},
		{"EligibilityReason", "eligibility reason", []textEnum{dealreg.TierBelowMinimum, dealreg.CertificationMissing, dealreg.LeadNotAccepted}, dealreg.EligibilityReasonUnspecified,
			func(b []byte) (textEnum, error) {
				var v dealreg.EligibilityReason
				err := v.UnmarshalText(b)
				return v, err
			}},
		{"PolicyPart", "policy part", []textEnum{dealreg.PartLifecycle, dealreg.PartConflicts, dealreg.PartProtection, dealreg.PartLeads}, dealreg.PolicyPartUnspecified,
			func(b []byte) (textEnum, error) { var v dealreg.PolicyPart; err := v.UnmarshalText(b); return v, err }},
	}
	for _, f := range fams {
		t.Run(f.name, func(t *testing.T) {
			seen := map[string]bool{}
			for _, v := range f.values {
				b, err := v.MarshalText()
				require.NoError(t, err)
				if f.name != "ResolutionReason" { // its String is a sentence
					require.Equal(t, v.String(), string(b))
				}
				require.False(t, seen[string(b)], "duplicate name %s", b)
				seen[string(b)] = true
				got, err := f.parse(b)
				require.NoError(t, err)
				require.Equal(t, v, got)
			}
			_, err := f.zero.MarshalText()
			require.ErrorIs(t, err, dealreg.ErrUnknownValue)
			require.Equal(t, "unspecified", f.zero.String())
			for _, bad := range []string{"", "unspecified", "UNKNOWN", f.values[0].String() + " "} {
				_, err = f.parse([]byte(bad))
				var ee *dealreg.EnumError
				require.ErrorAs(t, err, &ee, bad)
				require.Equal(t, f.label, ee.Type)
				require.Len(t, ee.Valid, len(f.values))
			}
		})
	}
	require.Equal(t, "State(77)", dealreg.State(77).String())
	require.Equal(t, "Role(9)", dealreg.Role(9).String())
	_, err := dealreg.Role(9).MarshalText()
	require.EqualError(t, err, `dealreg: unknown role "role(9)" (valid: owner, secondary, excluded)`)
	// A near miss gets a suggestion.
	var c dealreg.ConflictRule
	require.EqualError(t, c.UnmarshalText([]byte("first_submission")),
		`dealreg: unknown conflict rule "first_submission" (valid: first-submission, tier-order; did you mean "first-submission"?)`)
}
