# Test functions for RuntimeTests; one handler per behaviour under test.

def hello(_event, _context)
  'hello world'
end

def echo(event, _context)
  event[:data]
end

def describe(event, context)
  request = event[:extensions][:request]
  data = event[:data]
  {
    dataType: data.class.name,
    data: data,
    eventId: event[:'event-id'],
    eventType: event[:'event-type'],
    eventTime: event[:'event-time'],
    eventNamespace: event[:'event-namespace'],
    method: request[:method],
    path: request[:path],
    query: request[:query],
    header: request[:headers]['x-test'],
    context: context
  }
end

def boom(_event, _context)
  raise ArgumentError, 'boom from ruby'
end

def forever(_event, _context)
  loop { sleep 1 }
end

def crash(_event, _context)
  exit!(3)
end

def slow(_event, _context)
  sleep 1
  'slept'
end

def custom(_event, _context)
  Kfn::Response.new('created', status: 201, headers: { 'x-kfn' => 'yes' })
end

def binary(_event, _context)
  [0, 1, 2, 255].pack('C*')
end

def shout(_event, _context)
  puts 'function says hello to the log'
  'printed'
end

# Dispatches on the path (/hello, /boom, ...) so one server can show a failure and a recovery.
def main(event, context)
  name = event[:extensions][:request][:path].delete_prefix('/')
  send(name.empty? ? :hello : name.to_sym, event, context)
end
