package clock

import "time"

func Bad() time.Time {
	time.Sleep(time.Millisecond)    // want `houserules: time.Sleep in library code`
	_ = time.Since(time.Time{})     // want `houserules: time.Since in library code`
	<-time.After(time.Second)       // want `houserules: time.After in library code`
	t := time.NewTimer(time.Second) // want `houserules: time.NewTimer in library code`
	t.Stop()
	now := time.Now // want `houserules: time.Now in library code`
	return now()
}

// Good takes the time as a parameter.
func Good(now time.Time, d time.Duration) time.Time {
	return now.Add(d).Truncate(time.Hour)
}
