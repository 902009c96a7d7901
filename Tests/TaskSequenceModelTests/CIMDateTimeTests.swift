import Testing
import TaskSequenceModel

@Suite struct CIMDateTimeTests {
    @Test func readsAndWritesWMIDatetimes() {
        // 2017-12-07 04:21:44 UTC
        #expect(CIMDateTime.seconds(from: "20171207042144.000000+000") == 1_512_620_504)
        #expect(CIMDateTime.text(fromSeconds: 1_512_620_504) == "20171207042144.000000+000")
        // The offset is minutes east of UTC: local 05:21:44 at +060 is 04:21:44 UTC.
        #expect(CIMDateTime.seconds(from: "20171207052144.000000+060") == 1_512_620_504)
        #expect(CIMDateTime.seconds(from: "20171207032144.000000-060") == 1_512_620_504)
        #expect(CIMDateTime.seconds(from: "20171207042144") == 1_512_620_504)
        #expect(CIMDateTime.microseconds(from: "20171207042144.250000+000") == 1_512_620_504_250_000)
        #expect(CIMDateTime.text(fromSeconds: 0) == "19700101000000.000000+000")
        #expect(CIMDateTime.text(fromSeconds: -1) == "19691231235959.000000+000")
    }

    @Test func refusesWhatIsNotADatetime() {
        for text in ["", "2017", "20171307042144.000000+000", "20171207250000.000000+000", "2017-12-07T04:21:44"] {
            #expect(CIMDateTime.seconds(from: text) == nil, "\(text)")
        }
    }

    @Test func calendarRoundTripsOverCenturiesAndLeapDays() {
        for days in [-719_468, -1, 0, 11_016, 19_782, 2_932_896] {
            let date = CivilCalendar.date(daysSinceEpoch: Int64(days))
            #expect(CivilCalendar.daysSinceEpoch(year: date.year, month: date.month, day: date.day) == Int64(days))
        }
        #expect(CivilCalendar.date(daysSinceEpoch: 11_016) == (2000, 2, 29) ? true : false)
    }
}
