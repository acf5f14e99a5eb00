package kubeless

func Handler() string { return "ok" }
