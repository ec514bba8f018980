package strictjson_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/strictjson"
)

// TestMembersOnlyNames pins that Members lists the pointers of object
// member names only: a string that is an array element (at an even index
// too, like a name's position in an object) is a value, not a member, and
// members of objects nested in arrays are found with their full pointer.
func TestMembersOnlyNames(t *testing.T) {
	doc := `{"a":["x","y",{"b":"z"}],"c":"w","d":{"e":["v"]}}`
	got, err := strictjson.Members([]byte(doc), func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	// Names: a, c, d at the top; b in the object at /a/2; e in /d.
	want := map[string]bool{"/a": true, "/a/2/b": true, "/c": true, "/d": true, "/d/e": true}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Members (-want +got):\n%s", d)
	}
}
