module function

go 1.22
