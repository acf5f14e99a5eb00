import CRdKafka
enum KafkaPlaceholder {}
