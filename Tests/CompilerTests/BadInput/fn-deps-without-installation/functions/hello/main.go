package kubeless
