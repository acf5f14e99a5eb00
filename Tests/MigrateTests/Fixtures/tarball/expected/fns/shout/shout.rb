def handler(event, context)
  Util.up('tar')
end
