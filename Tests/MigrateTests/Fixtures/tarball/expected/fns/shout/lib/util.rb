module Util
  def self.up(s) = s.upcase
end
