# frozen_string_literal: true

# kfn-runtime worker for Ruby functions.
#
# kfn-runtime starts a pool of these. Each evaluates MOD_NAME once from the install volume (inside
# an anonymous module, as the Kubeless Ruby runtime did), then answers requests framed on fd 3 (in)
# and fd 4 (out) one at a time, calling FUNC_HANDLER(event, context). stdout and stderr are the pod
# log. The protocol is described in Sources/Runtime/Workers/WorkerProtocol.swift and docs/runtime.md.

require 'json'
require 'uri'

# What a function returns to choose the status and headers:
#   Kfn::Response.new('created', status: 201, headers: { 'location' => '/items/1' })
module Kfn
  Response = Struct.new(:body, :status, :headers) do
    def initialize(body = nil, status: 200, headers: {})
      super(body, status, headers)
    end
  end

  # The worker loop; kept in a module so nothing here leaks into the function's namespace.
  module Worker
    READY = 1
    LOAD_ERROR = 2
    RESULT = 3
    FUNCTION_ERROR = 4
    BAD_REQUEST = 5

    TEXT = 'text/plain; charset=utf-8'
    JSON_TYPE = 'application/json'
    OCTETS = 'application/octet-stream'

    module_function

    def send_frame(output, kind, text = '')
      payload = kind.chr.b + text.b
      output.write([payload.bytesize].pack('N') + payload)
    end

    def load
      volume = ENV.fetch('KUBELESS_INSTALL_VOLUME', '/kubeless')
      $LOAD_PATH.push(volume) unless $LOAD_PATH.include?(volume)
      name = ENV.fetch('MOD_NAME', '')
      handler = ENV.fetch('FUNC_HANDLER', '')
      file = File.join(volume, "#{name}.rb")
      raise LoadError, "cannot load module #{name}: #{file} does not exist" unless File.file?(file)

      mod = Module.new
      begin
        mod.module_eval(File.read(file), file)
      rescue ScriptError, StandardError => e
        warn e.full_message
        raise LoadError, "cannot load module #{name}: #{e.class}: #{e.message}"
      end
      unless mod.method_defined?(handler) || mod.private_method_defined?(handler)
        raise LoadError, "module #{name} has no function #{handler}"
      end

      # The module extends itself so the handler, and the helpers it calls, run with the module as self.
      mod.extend(mod)
      mod.method(handler)
    end

    def body_of(value)
      case value
      when nil then ['', nil]
      when String
        value.encoding == Encoding::BINARY ? [value, OCTETS] : [value.b, TEXT]
      when Hash, Array, Numeric, true, false then [JSON.generate(value), JSON_TYPE]
      else raise TypeError, "cannot turn a #{value.class} into a response"
      end
    end

    def result_frame(value)
      status = 200
      headers = {}
      if value.is_a?(Kfn::Response)
        status = Integer(value.status)
        headers = value.headers || {}
        value = value.body
      end
      body, default_type = body_of(value)
      pairs = headers.map { |name, text| [name.to_s.b, text.to_s.b] }
      pairs << ['content-type', default_type] if default_type && pairs.none? { |name, _| name.casecmp?('content-type') }
      packed = +''.b
      pairs.each { |name, text| packed << [name.bytesize].pack('n') << name << [text.bytesize].pack('n') << text }
      size = 5 + packed.bytesize + body.bytesize
      [size, RESULT, status, pairs.size].pack('NCnn') + packed + body.b
    end

    def event_for(meta, body)
      headers = meta['headers']
      data = meta['json'] ? JSON.parse(body) : body.dup.force_encoding(Encoding::UTF_8)
      data = body.dup if data.is_a?(String) && !data.valid_encoding?
      query = meta['query']
      {
        data: data,
        'event-id': headers['event-id'],
        'event-type': headers['event-type'],
        'event-time': headers['event-time'],
        'event-namespace': headers['event-namespace'],
        extensions: {
          request: {
            method: meta['method'],
            path: meta['path'],
            query: query.empty? ? {} : URI.decode_www_form(query).to_h,
            raw_query: query,
            headers: headers,
            body: body
          }
        }
      }
    end

    def serve(function, input, output)
      context = {
        'function-name': ENV.fetch('FUNC_HANDLER', nil),
        timeout: Float(ENV.fetch('FUNC_TIMEOUT', '180')),
        runtime: ENV.fetch('FUNC_RUNTIME', nil),
        'memory-limit': ENV.fetch('FUNC_MEMORY_LIMIT', nil)
      }
      loop do
        head = input.read(4)
        return if head.nil? || head.bytesize < 4

        payload = input.read(head.unpack1('N'))
        meta_length = payload.unpack1('N')
        meta = JSON.parse(payload.byteslice(4, meta_length))
        body = payload.byteslice(4 + meta_length, payload.bytesize - 4 - meta_length)
        begin
          event = event_for(meta, body)
        rescue JSON::ParserError => e
          send_frame(output, BAD_REQUEST, "the body is not valid JSON (#{e.message.lines.first.strip})")
          next
        end
        begin
          frame = result_frame(function.call(event, context.dup))
        rescue SystemExit, SignalException
          raise
        rescue Exception => e # rubocop:disable Lint/RescueException -- any function error is a 500
          warn "Function failed to execute: #{e.full_message}"
          summary = "#{e.class}: #{e.message}"
          send_frame(output, FUNCTION_ERROR, summary.length <= 200 ? summary : "#{summary[0, 197]}...")
          next
        end
        output.write(frame)
      end
    end

    def main
      $stdout.sync = true
      $stderr.sync = true
      input = IO.for_fd(3, 'rb')
      output = IO.for_fd(4, 'wb')
      output.sync = true
      begin
        function = load
      rescue LoadError => e
        warn "kfn worker: #{e.message}"
        send_frame(output, LOAD_ERROR, e.message)
        exit 1
      end
      send_frame(output, READY)
      serve(function, input, output)
    end
  end
end

begin
  Kfn::Worker.main
rescue Errno::EPIPE
  # The server closed the protocol pipe (it is stopping, or gave up on this worker).
  exit 0
end
