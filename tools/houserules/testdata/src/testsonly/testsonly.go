package testsonly

func Add(a, b int64) int64 { return a + b }
