module function
