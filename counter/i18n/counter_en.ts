<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="th">
<context>
    <name>Actions</name>
    <message>
        <source>เรียกคิวถัดไป</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>เรียกซ้ำ</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>เริ่มให้บริการ</source>
        <translation>Start service</translation>
    </message>
    <message>
        <source>เสร็จสิ้น</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>ไม่มาแสดงตน</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>ส่งต่อบริการอื่น</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>เรียกคิวระบุหมายเลข</source>
        <translation>Call specific ticket</translation>
    </message>
    <message>
        <source>พักชั่วคราว</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>กลับมาให้บริการ</source>
        <translation>Resume</translation>
    </message>
</context>
<context>
    <name>Admin</name>
    <message>
        <source>ชื่อผู้ใช้</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>ชื่อที่แสดง</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>บทบาท</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>ใช้งาน</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>อักษรนำหน้าคิว</source>
        <translation>Ticket letter</translation>
    </message>
    <message>
        <source>ชื่อ (ไทย)</source>
        <translation>Name (Thai)</translation>
    </message>
    <message>
        <source>ชื่อ (อังกฤษ)</source>
        <translation>Name (English)</translation>
    </message>
    <message>
        <source>ระยะเวลามาตรฐาน (นาที)</source>
        <translation>Standard time (minutes)</translation>
    </message>
    <message>
        <source>จำนวนคิวสูงสุดต่อวัน</source>
        <translation>Daily ticket cap</translation>
    </message>
    <message>
        <source>เวลาเปิด</source>
        <translation>Opens</translation>
    </message>
    <message>
        <source>เวลาปิด</source>
        <translation>Closes</translation>
    </message>
    <message>
        <source>หน่วยงานที่รับผิดชอบ</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <source>ขั้นตอนการให้บริการ (บรรทัดละขั้น)</source>
        <translation>Steps of the service (one per line)</translation>
    </message>
    <message>
        <source>เปิดให้บริการ</source>
        <translation>Offered</translation>
    </message>
    <message>
        <source>ชื่อช่องบริการ</source>
        <translation>Counter name</translation>
    </message>
    <message>
        <source>งานบริการ (เรียงตามลำดับ)</source>
        <translation>Services (in order)</translation>
    </message>
    <message>
        <source>เปิดใช้วันนี้</source>
        <translation>Open today</translation>
    </message>
    <message>
        <source>ชื่อหน่วยงาน (ไทย)</source>
        <translation>Office name (Thai)</translation>
    </message>
    <message>
        <source>ชื่อหน่วยงาน (อังกฤษ)</source>
        <translation>Office name (English)</translation>
    </message>
    <message>
        <source>ท้ายบัตรคิว (ไทย)</source>
        <translation>Ticket footer (Thai)</translation>
    </message>
    <message>
        <source>ท้ายบัตรคิว (อังกฤษ)</source>
        <translation>Ticket footer (English)</translation>
    </message>
    <message>
        <source>เปิดช่องทางพิเศษ</source>
        <translation>Priority lane on</translation>
    </message>
    <message>
        <source>เช่น 08:30 (ว่าง = ตามเวลาทำการ)</source>
        <translation>e.g. 08:30 (empty = office hours)</translation>
    </message>
    <message>
        <source>ว่าง = ไม่จำกัด</source>
        <translation>empty = no cap</translation>
    </message>
    <message>
        <source>รหัสงานบริการ เช่น TAX, INF</source>
        <translation>Service codes, e.g. TAX, INF</translation>
    </message>
</context>
<context>
    <name>AdminView</name>
    <message>
        <source>กำลังบันทึก…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>PIN ใช้ครั้งเดียวของ {user}: {pin} (แสดงครั้งเดียว จดให้เจ้าหน้าที่)</source>
        <translation>One-time PIN for {user}: {pin} (shown once; write it down for them)</translation>
    </message>
    <message>
        <source>บันทึกแล้ว</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>ไม่มีการเปลี่ยนแปลง</source>
        <translation>Nothing changed</translation>
    </message>
    <message>
        <source>ยังไม่ได้บันทึก: กรุณาแก้ไขช่องที่มีข้อความสีแดง</source>
        <translation>Not saved: please correct the fields marked in red</translation>
    </message>
    <message>
        <source>จัดการ</source>
        <translation>Manage</translation>
    </message>
    <message>
        <source>เจ้าหน้าที่</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>งานบริการ</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>ช่องบริการ</source>
        <translation>Counters</translation>
    </message>
    <message>
        <source>สำนักงาน</source>
        <translation>Office</translation>
    </message>
</context>
<context>
    <name>CallTicketDialog</name>
    <message>
        <source>เรียกคิวระบุหมายเลข</source>
        <translation>Call specific ticket</translation>
    </message>
    <message>
        <source>หมายเหตุเพิ่มเติม (ไม่บังคับ)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source> [ * เปลี่ยนงานบริการ ]</source>
        <translation> [ * change service ]</translation>
    </message>
    <message>
        <source>งานบริการ: {prefix}  {name}</source>
        <translation>Service: {prefix}  {name}</translation>
    </message>
    <message>
        <source>กดตัวเลขของเหตุผลเพื่อเรียกคิว  [ . ] แก้หมายเลข</source>
        <translation>Press the reason&apos;s number to call  [ . ] edit the number</translation>
    </message>
    <message>
        <source>พิมพ์หมายเลขคิว แล้วกด Enter  [ . ] ลบ</source>
        <translation>Type the ticket number, then Enter  [ . ] delete</translation>
    </message>
</context>
<context>
    <name>CounterPicker</name>
    <message>
        <source>เลือกช่องบริการที่จะปฏิบัติงาน</source>
        <translation>Choose the counter you work at</translation>
    </message>
    <message>
        <source>{state}: {name}</source>
        <translation>{state}: {name}</translation>
    </message>
    <message>
        <source> (คุณ)</source>
        <translation> (you)</translation>
    </message>
    <message>
        <source>ว่าง</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>ช่องบริการ {number}</source>
        <translation>Counter {number}</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <source>พักชั่วคราว: เลือกเหตุผล</source>
        <translation>Pause: choose a reason</translation>
    </message>
    <message>
        <source>ส่งต่อไปงานบริการ</source>
        <translation>Transfer to service</translation>
    </message>
    <message>
        <source>ช่องบริการ - ระบบบัตรคิว</source>
        <translation>Counter - Khiw queue system</translation>
    </message>
    <message>
        <source>ออกจากระบบ</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>ยังไม่ได้สร้างไฟล์แปลภาษาอังกฤษ</source>
        <translation>The English translation has not been built</translation>
    </message>
    <message>
        <source>ช่องบริการ {number}</source>
        <translation>Counter {number}</translation>
    </message>
    <message>
        <source>ระบบบัตรคิว</source>
        <translation>Queue system</translation>
    </message>
    <message>
        <source>ขาดการเชื่อมต่อฐานข้อมูล กำลังเชื่อมต่อใหม่…</source>
        <translation>Lost the database connection; reconnecting…</translation>
    </message>
    <message>
        <source>ระบบกำลังรอฐานข้อมูล…</source>
        <translation>Waiting for the database…</translation>
    </message>
    <message>
        <source>{name} เข้าใช้งานช่องบริการนี้จากเครื่องอื่นอยู่</source>
        <translation>{name} is signed in to this counter on another PC</translation>
    </message>
    <message>
        <source>ตู้บัตรคิว {kiosk}: {problem}</source>
        <translation>Ticket kiosk {kiosk}: {problem}</translation>
    </message>
    <message>
        <source>เรียกคิว {code} แล้ว</source>
        <translation>Called {code}</translation>
    </message>
    <message>
        <source>เรียกซ้ำคิว {code} (ครั้งที่ {detail})</source>
        <translation>Recalled {code} (recall {detail})</translation>
    </message>
    <message>
        <source>คิว {code} ไม่มาแสดงตน (เรียกซ้ำครบ {detail} ครั้งแล้ว)</source>
        <translation>{code} did not come after {detail} recalls: no-show</translation>
    </message>
    <message>
        <source>เริ่มให้บริการคิว {code}</source>
        <translation>Serving {code}</translation>
    </message>
    <message>
        <source>คิว {code} เสร็จสิ้น</source>
        <translation>{code} finished</translation>
    </message>
    <message>
        <source>คิว {code} ไม่มาแสดงตน</source>
        <translation>{code} marked no-show</translation>
    </message>
    <message>
        <source>ส่งต่อคิว {code} เป็นคิว {detail} แล้ว</source>
        <translation>{code} transferred as {detail}</translation>
    </message>
    <message>
        <source>คิว {code} กลับเข้าคิวรอแล้ว</source>
        <translation>{code} is back in the queue</translation>
    </message>
    <message>
        <source>ยกเลิกคิว {code} แล้ว</source>
        <translation>{code} cancelled</translation>
    </message>
    <message>
        <source>ช่องบริการพักชั่วคราว</source>
        <translation>Counter paused</translation>
    </message>
    <message>
        <source>กลับมาให้บริการแล้ว</source>
        <translation>Serving again</translation>
    </message>
    <message>
        <source>เปิดช่องบริการแล้ว</source>
        <translation>Counter open</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>คิวล่าสุดที่ช่องนี้</source>
        <translation>Last tickets at this counter</translation>
    </message>
    <message>
        <source>นำคิวไม่มาแสดงตนกลับเข้าคิว</source>
        <translation>Put the no-show back in the queue</translation>
    </message>
    <message>
        <source>หมายเลข</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>งานบริการ</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>ผล</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>เวลาให้บริการ</source>
        <translation>Service time</translation>
    </message>
    <message>
        <source>กลับเข้าคิวแล้ว</source>
        <translation>Back in queue</translation>
    </message>
</context>
<context>
    <name>KeypadDialog</name>
    <message>
        <source>ยกเลิก [ − ]</source>
        <translation>Cancel [ − ]</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>เปิดให้บริการ</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>พักชั่วคราว</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>ปิด</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>รอเรียกคิว</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>เรียกคิวแล้ว รอผู้รับบริการ</source>
        <translation>Called, waiting for the citizen</translation>
    </message>
    <message>
        <source>กำลังให้บริการ</source>
        <translation>Now serving</translation>
    </message>
    <message>
        <source>เสร็จสิ้น</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>ไม่มาแสดงตน</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>ส่งต่อแล้ว</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>หมดอายุ</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>ส่งต่อ</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>กระดาษหมด</source>
        <translation>out of paper</translation>
    </message>
    <message>
        <source>เครื่องพิมพ์ไม่พร้อมใช้งาน</source>
        <translation>printer offline</translation>
    </message>
    <message>
        <source>ฝาเครื่องพิมพ์เปิดอยู่</source>
        <translation>printer cover open</translation>
    </message>
    <message>
        <source>เครื่องพิมพ์ไม่ตอบสนอง</source>
        <translation>printer not responding</translation>
    </message>
    <message>
        <source>เครื่องพิมพ์ขัดข้อง</source>
        <translation>printer error</translation>
    </message>
    <message>
        <source>เจ้าหน้าที่</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>หัวหน้างาน</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>ผู้ดูแลระบบ</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>ภาพรวม</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>ช่องบริการ</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>คิวรอทุกงานบริการ</source>
        <translation>Queues of every service</translation>
    </message>
    <message>
        <source>สถานะ</source>
        <translation>State</translation>
    </message>
    <message>
        <source>เจ้าหน้าที่</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <source>คิวปัจจุบัน</source>
        <translation>Current ticket</translation>
    </message>
    <message>
        <source>งานบริการ</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>ช่องทางพิเศษ</source>
        <translation>Priority lane</translation>
    </message>
    <message>
        <source>รอนานสุด</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <source>เวลารอโดยประมาณ</source>
        <translation>Estimated wait</translation>
    </message>
    <message>
        <source>ช่องที่เปิด</source>
        <translation>Open counters</translation>
    </message>
    <message>
        <source>รอทั้งหมด</source>
        <translation>All waiting</translation>
    </message>
    <message>
        <source>{minutes} นาที</source>
        <translation>{minutes} min</translation>
    </message>
</context>
<context>
    <name>QueuesPanel</name>
    <message>
        <source>คิวรอของช่องบริการนี้</source>
        <translation>Queues of this counter</translation>
    </message>
    <message>
        <source>งานบริการ</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>ช่องทางพิเศษ</source>
        <translation>Priority lane</translation>
    </message>
    <message>
        <source>รอนานสุด</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <source>ทั่วไป</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>{minutes} นาที</source>
        <translation>{minutes} min</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <source>ไม่มีการเปลี่ยนแปลง</source>
        <translation>Nothing changed</translation>
    </message>
    <message>
        <source>บันทึก</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>เข้าสู่ระบบเจ้าหน้าที่</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <source>ช่องบริการ {number}</source>
        <translation>Counter {number}</translation>
    </message>
    <message>
        <source>ชื่อผู้ใช้</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>รหัส PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>เข้าสู่ระบบ (Enter)</source>
        <translation>Sign in (Enter)</translation>
    </message>
</context>
<context>
    <name>StaffSection</name>
    <message>
        <source>กรอกชื่อผู้ใช้และชื่อที่แสดง แล้วกดบันทึก ระบบจะออก PIN ใช้ครั้งเดียวให้</source>
        <translation>Type the username and display name, then Save; a one-time PIN is issued</translation>
    </message>
    <message>
        <source>เพิ่มเจ้าหน้าที่ใหม่</source>
        <translation>Add staff</translation>
    </message>
    <message>
        <source>ออก PIN ใช้ครั้งเดียว</source>
        <translation>Issue one-time PIN</translation>
    </message>
    <message>
        <source>PIN ใหม่</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>ตั้ง PIN ที่พิมพ์</source>
        <translation>Set typed PIN</translation>
    </message>
    <message>
        <source>ปลดล็อกบัญชี</source>
        <translation>Unlock account</translation>
    </message>
</context>
<context>
    <name>TicketPanel</name>
    <message>
        <source>คิวที่ช่องบริการ</source>
        <translation>Ticket at the counter</translation>
    </message>
    <message>
        <source>รอ {total} คิว: ทั่วไป {normal} · ช่องทางพิเศษ {priority}</source>
        <translation>{total} waiting: normal {normal} · priority lane {priority}</translation>
    </message>
    <message>
        <source>ช่องบริการพักชั่วคราว</source>
        <translation>Counter paused</translation>
    </message>
    <message>
        <source>กด 0 เพื่อกลับมาให้บริการ</source>
        <translation>Press 0 to resume</translation>
    </message>
    <message>
        <source>ยังไม่มีคิวที่ช่องบริการ</source>
        <translation>No ticket at the counter</translation>
    </message>
    <message>
        <source>กด + เพื่อเรียกคิวถัดไป</source>
        <translation>Press + to call the next ticket</translation>
    </message>
    <message>
        <source>รอคิว {minutes} นาที</source>
        <translation>waited {minutes} min</translation>
    </message>
    <message>
        <source>เรียกซ้ำ {count} ครั้ง</source>
        <translation>recalled {count}×</translation>
    </message>
    <message>
        <source>คิวถัดไป: ไม่มีคิวรอ</source>
        <translation>Next: nobody waiting</translation>
    </message>
    <message>
        <source>คิวถัดไป {code}</source>
        <translation>Next {code}</translation>
    </message>
    <message>
        <source>รอมาแล้ว {minutes} นาที</source>
        <translation>waited {minutes} min</translation>
    </message>
    <message>
        <source>เวลาให้บริการ {clock} / มาตรฐาน {minutes} นาที</source>
        <translation>Service time {clock} / standard {minutes} min</translation>
    </message>
    <message>
        <source>เรียกไปแล้ว {clock}</source>
        <translation>Called {clock} ago</translation>
    </message>
</context>
</TS>
