// TaskSequenceXML: the XML codec on libxml2.
