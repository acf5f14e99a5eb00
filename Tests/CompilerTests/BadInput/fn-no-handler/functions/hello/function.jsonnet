{
  runtime: 'python3.12',
}
