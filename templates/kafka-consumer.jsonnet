function(fn, trigger=null) null
