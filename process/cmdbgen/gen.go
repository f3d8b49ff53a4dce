package cmdbgen

const X = 1
