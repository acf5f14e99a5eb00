module function

go 1.14
